//! Every failure leaves as JSON: `{"error": "what is wrong"}` with a 4xx
//! status when the request is at fault and 5xx when the server is.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error reply.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Said to the client.
    pub message: String,
}

impl ApiError {
    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// Any status.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message });
        (self.status, Json(body)).into_response()
    }
}

impl From<storyline_index::Error> for ApiError {
    fn from(e: storyline_index::Error) -> Self {
        let status = match e {
            storyline_index::Error::NotFound(_) => StatusCode::NOT_FOUND,
            storyline_index::Error::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

/// Handler results.
pub type ApiResult<T> = Result<T, ApiError>;
