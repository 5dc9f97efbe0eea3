import { graphql } from '../../test/gql/index.js';

// Everything the admin API tells of a user, in as few operations as its cost model allows.

export const ExportProfile = graphql(`
  query ExportProfile($userId: ID!) {
    user(userId: $userId) {
      userId displayName avatarUrl admin deactivated erased locked suspended shadowBanned isGuest userType appserviceId
      createdAt lastSeenAt
      consent { version acceptedAt }
      threepids { medium address validatedAt addedAt }
      externalIds { authProvider externalId }
      devices { deviceId displayName lastSeenIp lastSeenUserAgent lastSeenAt }
      sessions { ip userAgent lastSeenAt }
      pushers { kind appId appDisplayName deviceDisplayName pushkey lang profileTag data enabled deviceId }
      accountData { global rooms }
      rateLimit { messagesPerSecond burstCount }
      memberships { room { roomId } membership }
    }
  }
`);

export const ExportMedia = graphql(`
  query ExportMedia($userId: ID!, $after: String) {
    user(userId: $userId) {
      media(first: 1000, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { mediaId mediaType mediaLength uploadName createdAt lastAccessedAt quarantinedBy safeFromQuarantine } }
      }
    }
  }
`);

export const ExportRoomEvents = graphql(`
  query ExportRoomEvents($roomId: ID!, $from: String) {
    room(roomId: $roomId) {
      messages(from: $from, limit: 1000) { end events { type stateKey json } }
    }
  }
`);
