/**
 * Secret rotation: AWS's four-step protocol ({@code createSecret}, {@code setSecret}, {@code
 * testSecret}, {@code finishSecret}) run against a rotation function that a secret's {@code
 * RotationLambdaARN} names — an HTTP endpoint registered for that ARN, or a built-in managed rotator
 * for database credentials.
 */
package io.keywarden.services.secrets.rotation;
