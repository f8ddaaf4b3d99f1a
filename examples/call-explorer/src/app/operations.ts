import { gql } from '@apollo/client';

const PARTY = 'phoneNumber rawNumber name';

/** One page of the list: only what a row shows (no legs or recordings: those are read when a call is opened). */
export const CALLS = gql`
  query ExplorerCalls($first: Int!, $after: String, $filter: CallSessionFilter) {
    callSessions(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          provider
          account
          startTime
          direction
          result
          duration
          hasRecording
          from { ${PARTY} }
          to { ${PARTY} }
          extension { id name extensionNumber }
        }
      }
      pageInfo { hasNextPage endCursor }
      missingProviders { provider account }
    }
  }
`;

/** The extension picker: every directory the key may read, searched by name, number or email. */
export const EXTENSIONS = gql`
  query ExplorerExtensions($first: Int!, $filter: ExtensionFilter) {
    extensions(first: $first, filter: $filter) {
      edges { node { id provider account name extensionNumber type } }
      pageInfo { hasNextPage }
    }
  }
`;

const LEG_PARTY = `${PARTY} extension { name extensionNumber }`;

/** A call opened: its legs for the timeline, and its recordings with their length and format. */
export const CALL = gql`
  query ExplorerCall($id: ID!) {
    callSession(id: $id) {
      id
      provider
      account
      nativeId
      startTime
      endTime
      direction
      result
      vendorResult
      duration
      talkDuration
      endedBy
      callerStatus
      calleeStatus
      from { ${PARTY} }
      to { ${PARTY} }
      legs {
        index
        legType
        role
        startTime
        answerTime
        duration
        result
        from { ${LEG_PARTY} }
        to { ${LEG_PARTY} }
        extension { name extensionNumber }
        recording { id }
      }
      recordings { id startTime duration contentType url }
    }
  }
`;
