/**
 * Errors in the shape the CloudBase server answers with: HTTP 200 and `{code, message, requestId}`.
 * wx-server-sdk maps `code` to its errCode (DATABASE_REQUEST_FAILED → -502001,
 * DATABASE_COLLECTION_NOT_EXIST → -502005, …); DATABASE_TRANSACTION_CONFLICT makes the SDK's
 * runTransaction retry the callback.
 */
export type CloudErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'FUNCTIONS_EXECUTE_FAIL'
  | 'FUNCTIONS_REQUEST_FAIL'
  | 'SYS_ERR';

export class CloudError extends Error {
  constructor(
    public readonly code: CloudErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export const collectionNotExist = (name: string): CloudError =>
  new CloudError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `[ResourceNotFound] Db or Table not exist: ${name}. Please check your request, but if the problem persists, contact us.`,
  );
