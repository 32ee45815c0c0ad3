/**
 * The run lock: one run at a time per account and database, and a run that lost its lock commits nothing more.
 * <p>
 * {@link io.arktasksync.lock.RunLock#tryHold(String)} takes an account's lock ({@code DatabaseRunLock}, a
 * PostgreSQL advisory lock on a connection of its own) and watches it until the run closes what it returned: the sync
 * ({@code run.SyncRunner}) and the {@code archive} command take it this way. Before a commit the run asks
 * {@link io.arktasksync.lock.RunLock#ensureHeld(String)}: the sync step at every chunk
 * ({@link io.arktasksync.lock.RunLockCheck}) and before marking tasks gone, the archive before recording a file. A
 * lost lock throws {@link io.arktasksync.lock.RunLockLostException}.
 * <p>
 * This package depends on no other package of the application.
 */
package io.arktasksync.lock;
