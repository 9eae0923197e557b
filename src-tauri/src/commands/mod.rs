//! Tauri commands, one module per page. Each takes the service from state,
//! calls one service function and maps the error to the `{ code, message,
//! field }` body. The list of commands lives in
//! [`cryptodesk_service::ipc_commands!`]; [`handler`] registers exactly it and
//! checks at compile time that every command takes and returns what the list
//! (and so the UI's generated bindings) says.

pub mod alerts;
pub mod market;
pub mod portfolio;
pub mod settings;
pub mod status;

use cryptodesk_service::host::Host;
use cryptodesk_service::{ErrorBody, ServiceError};
use std::sync::Arc;
// The IPC list's progress arguments name `Channel`: here, Tauri's.
#[allow(unused_imports)]
use tauri::ipc::Channel;

/// The running service (restartable from Settings) as Tauri state.
pub type Service<'a> = tauri::State<'a, Arc<Host>>;
/// What a command answers: its result or the IPC error body.
pub type Reply<T> = Result<T, ErrorBody>;

/// Maps a service error to the IPC error body.
pub fn err(e: ServiceError) -> ErrorBody {
    ErrorBody::from(&e)
}

/// Compile-time check that a command's future yields `Reply<T>`.
#[allow(dead_code)]
fn yields<T, F: std::future::Future<Output = Reply<T>>>(_: F) {}

macro_rules! handler {
    ($( $module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty ; )*) => {{
        #[allow(dead_code, unused_variables, clippy::redundant_closure_call)]
        fn signatures_match_the_ipc_list(app: Service<'_>) {
            $( let _ = |$($arg: $ty),*| yields::<$ret, _>($module::$name(app.clone(), $($arg),*)); )*
        }
        tauri::generate_handler![$($module::$name),*]
    }};
}

/// The invoke handler with every command of the IPC list.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    cryptodesk_service::ipc_commands!(handler)
}
