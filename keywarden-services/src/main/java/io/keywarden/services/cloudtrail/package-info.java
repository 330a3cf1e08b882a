/**
 * AWS CloudTrail over the audit log: {@code LookupEvents} reads the CloudTrail records that the
 * audit trail appended (issue 5), filtered by account, region, time and one lookup attribute, newest
 * first, fifty a page. The other CloudTrail operations (trails, event data stores, Lake queries) are
 * not implemented: Keywarden keeps one log, always on.
 */
package io.keywarden.services.cloudtrail;
