/** Tests of the stored format, including a golden version-1 document that must stay readable. */
package io.keywarden.storage.codec;
