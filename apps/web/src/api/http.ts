/** Failure of an HTTP call to our own API, with the status and the API's error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server does not provide this endpoint or record (yet): the UI shows "no data" instead of an error. */
  get isMissing(): boolean {
    return this.status === 404 || this.code === 'NOT_FOUND';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; requestId?: string };
}

export async function getJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, ...init });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (e.g. a proxy page): keep the status only.
  }
  return new ApiError(
    response.status,
    body.error?.code ?? `HTTP_${response.status}`,
    body.error?.message ?? response.statusText,
    body.error?.requestId ?? response.headers.get('x-request-id') ?? undefined,
  );
}

/** Builds a query string from the defined, non-empty values only. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
