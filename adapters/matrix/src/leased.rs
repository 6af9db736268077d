//! The Matrix connection when several processes share a PostgreSQL database: one process at
//! a time holds it, under the `matrix` lease. The bot's device (its session and encryption
//! keys, in the store folder) must follow the connection, or members would see a new
//! unverified session at each fail-over: so the folder is one every process reaches (a
//! shared volume), and only the holder opens it. Standby processes neither log in nor read
//! it; the one that takes over restores the same session from it, with its keys.

use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use entraide_core::connection::Connection;
use entraide_core::lease::LeaseWatch;
use entraide_core::model::{Outgoing, Platform};
use entraide_core::ports::{DeliveryError, Messenger};
use entraide_core::service::Service;
use futures::FutureExt;
use matrix_sdk::ruma::OwnedDeviceId;

use crate::{Matrix, MatrixSettings};

/// The bot's device, once it has one: a process that finds no session in the shared folder
/// then knows the folder is missing rather than new.
pub const DEVICE: &str = "matrix:device";

/// Seconds a process that could not start on Matrix leaves the connection to others.
const STEP_ASIDE: i64 = 60;

/// The Matrix side of a community served by several processes.
pub struct LeasedMatrix {
    settings: MatrixSettings,
    /// Used only to log in the first time (never logged).
    password: String,
    service: Arc<Service>,
    lease: LeaseWatch,
    /// The connection, while this process holds it.
    held: Arc<RwLock<Option<Matrix>>>,
    connection: Connection,
}

impl LeasedMatrix {
    /// Connects only once `lease` says this process holds the Matrix connection.
    pub fn new(settings: MatrixSettings, password: &str, service: Arc<Service>, lease: LeaseWatch) -> Self {
        Self {
            settings,
            password: password.to_owned(),
            service,
            lease,
            held: Arc::default(),
            connection: Connection::default(),
        }
    }

    /// Whether this process syncs with the homeserver now.
    pub fn connection(&self) -> Connection {
        self.connection.clone()
    }

    /// The messenger the dispatcher delivers Matrix's share of the outbox through: it sends
    /// while this process holds the connection, and lets the holder send otherwise.
    pub fn messenger(&self) -> LeasedMessenger {
        LeasedMessenger { held: Arc::clone(&self.held), lease: self.lease.clone() }
    }

    /// The bot's device, while this process holds the connection.
    pub fn device(&self) -> Option<OwnedDeviceId> {
        self.current().and_then(|matrix| matrix.client.device_id().map(ToOwned::to_owned))
    }

    fn current(&self) -> Option<Matrix> {
        self.held.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    fn set(&self, matrix: Option<Matrix>) {
        *self.held.write().unwrap_or_else(std::sync::PoisonError::into_inner) = matrix;
    }

    /// Stands by, connects from the shared store when it takes the lease, syncs until the
    /// lease is lost (then lets go of the store at once) or `shutdown` completes.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        let shutdown = shutdown.fuse();
        tokio::pin!(shutdown);
        let mut lease = self.lease.clone();
        loop {
            self.connection.set(false);
            tokio::select! {
                () = lease.taken() => {}
                () = &mut shutdown => return,
            }
            // A folder without a session while the bot has a device is not a first start: the
            // shared volume is not mounted here. Logging in would make a new device that
            // members would have to verify, and leave the keys behind: another process may do
            // better.
            let recorded = self.service.cursor(DEVICE).await.ok().flatten();
            if let Some(device) = &recorded
                && !self.settings.store.join("session.json").exists()
            {
                tracing::error!(
                    %device,
                    "the Matrix store folder holds no session though the bot has a device: is the shared folder mounted here? Leaving the connection to another process for 60 s"
                );
                lease.step_aside(STEP_ASIDE);
                continue;
            }
            let settings = self.settings.clone();
            let connected = tokio::select! {
                connected = Matrix::connect(settings, &self.password, Arc::clone(&self.service)) => connected,
                () = lease.lost() => continue,
                () = &mut shutdown => return,
            };
            let matrix = match connected {
                Ok(matrix) => matrix.with_connection(self.connection.clone()),
                Err(error) => {
                    // Another process may do better (its folder mounted, its network up).
                    tracing::error!(%error, "could not start on Matrix: leaving the connection to another process for 60 s");
                    lease.step_aside(STEP_ASIDE);
                    continue;
                }
            };
            tracing::info!(rooms = matrix.rooms().len(), "serving the community on Matrix from this process");
            let device = matrix.client.device_id().map(ToString::to_string);
            if let Some(device) = device.filter(|device| recorded.as_ref() != Some(device))
                && let Err(error) = self.service.save_cursor(DEVICE, &device).await
            {
                tracing::warn!(%error, "could not record the bot's Matrix device");
            }
            self.set(Some(matrix.clone()));
            let stopped = tokio::select! {
                // The lease first: a process woken from a freeze syncs nothing more.
                biased;
                () = lease.lost() => {
                    tracing::warn!("the Matrix lease was lost: this process stops syncing and lets go of the store");
                    false
                }
                () = matrix.run(&mut shutdown) => true,
            };
            self.set(None);
            self.connection.set(false);
            drop(matrix);
            if stopped {
                return;
            }
        }
    }
}

/// Delivers through the Matrix connection while this process holds it.
pub struct LeasedMessenger {
    held: Arc<RwLock<Option<Matrix>>>,
    lease: LeaseWatch,
}

#[async_trait]
impl Messenger for LeasedMessenger {
    fn platform(&self) -> Platform {
        Platform::Matrix
    }

    fn available(&self) -> bool {
        self.held.read().unwrap_or_else(std::sync::PoisonError::into_inner).is_some()
    }

    async fn deliver(&self, message: &Outgoing) -> Result<(), DeliveryError> {
        let messenger =
            self.held.read().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref().map(Matrix::messenger);
        let Some(messenger) = messenger else {
            return Err(DeliveryError::Transient("the Matrix connection is held by another process".into()));
        };
        // A delivery in hand when the lease is lost is dropped there: the next holder opens
        // the store at once, and two processes must never write its keys together.
        let mut lease = self.lease.clone();
        tokio::select! {
            biased;
            () = lease.lost() => Err(DeliveryError::Transient("the Matrix lease was lost during a delivery".into())),
            delivered = messenger.deliver(message) => delivered,
        }
    }
}
