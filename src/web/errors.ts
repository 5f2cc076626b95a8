// Expected failures, thrown by handlers and turned into error pages by web/error-handler.ts.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Shown to the reader, in Chinese. */
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message = '您访问的页面不存在或已被删除。') => new HttpError(404, message);
export const badRequest = (message: string) => new HttpError(400, message);
