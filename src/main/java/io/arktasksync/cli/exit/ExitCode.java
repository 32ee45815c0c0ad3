package io.arktasksync.cli.exit;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import io.arktasksync.client.ArkApiException;
import io.arktasksync.client.ArkAuthenticationException;
import io.arktasksync.job.CompletenessListener;
import io.arktasksync.job.RejectLimitListener;
import io.arktasksync.lock.RunLockLostException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** The process exit codes, documented in README.md; scripts and CronJob alerts depend on them. */
public enum ExitCode {

    /** The sync completed. */
    SUCCESS(0),
    /** The sync failed: the API kept failing or answered nonsense, or something unexpected happened. */
    FAILED(1),
    /** A setting is missing or invalid; nothing was requested or written. */
    INVALID_CONFIGURATION(2),
    /** The API refused the key (401/403). */
    AUTHENTICATION_FAILED(3),
    /**
     * PostgreSQL could not be reached, refused the database, role or password, or was lost during the run (the run
     * lock's session included); or the embedded server did not start.
     */
    DATABASE_UNAVAILABLE(4),
    /** Another run of the same account holds its lock on this database; this one did nothing. */
    ALREADY_RUNNING(5),
    /** The sync stored everything it could, but more items than allowed were rejected. */
    TOO_MANY_REJECTS(6),
    /**
     * The sync was asked to stop (SIGTERM) and stopped at a chunk boundary; the next run resumes it. Recorded in
     * {@code ark.sync_runs}; the process itself exits with the signal's status (143).
     */
    STOPPED(7),
    /**
     * The sync stored what it read, but a listing could not be reconciled (shift repair ran out of budget, or tasks
     * were out of reach) and ARK_FAIL_WHEN_UNRECONCILED is on. See {@code ark.sync_ledger}.
     */
    UNRECONCILED(8);

    /** Exit status of the sync step when the reject limit was exceeded. */
    public static final String REJECT_LIMIT_EXCEEDED = RejectLimitListener.REJECT_LIMIT_EXCEEDED;

    /** Exit status of the sync step when a listing could not be reconciled and that is configured to fail. */
    public static final String NOT_RECONCILED = CompletenessListener.NOT_RECONCILED;

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The exit code of a process that ran several accounts: 0 when all succeeded; the failures' code when they all
     * failed the same way (3 for a refused key, 5 when runs were already running...), otherwise 1.
     */
    public static ExitCode ofAll(List<ExitCode> codes) {
        List<ExitCode> failed = codes.stream().filter(code -> code != SUCCESS).distinct().toList();
        if (failed.isEmpty()) {
            return SUCCESS;
        }
        return failed.size() == 1 ? failed.get(0) : FAILED;
    }

    public static ExitCode forExecution(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            String exitStatus = execution.getExitStatus().getExitCode();
            if (REJECT_LIMIT_EXCEEDED.equals(exitStatus)) {
                return TOO_MANY_REJECTS;
            }
            return NOT_RECONCILED.equals(exitStatus) ? UNRECONCILED : SUCCESS;
        }
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return STOPPED;
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        for (Throwable failure : failures) {
            ExitCode code = forFailure(failure);
            if (code != FAILED) {
                return code;
            }
        }
        return FAILED;
    }

    /** Classifies an exception by the first cause in its chain that names a known condition. */
    public static ExitCode forFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ArkAuthenticationException) {
                return AUTHENTICATION_FAILED;
            }
            // The database ended the lock's session: lost in part, and the run stopped writing because of it.
            if (t instanceof RunLockLostException || isDatabaseConnectionFailure(t)) {
                return DATABASE_UNAVAILABLE;
            }
            // A rollback that failed because the connection is gone hides why the work failed in the first place.
            if (t instanceof TransactionSystemException rollbackFailed && rollbackFailed.getApplicationException() != null
                    && forFailure(rollbackFailed.getApplicationException()) == DATABASE_UNAVAILABLE) {
                return DATABASE_UNAVAILABLE;
            }
        }
        return FAILED;
    }

    /**
     * The message worth showing for a failure: the API's own error or the lost run lock when there is one in the
     * chain (not Spring Batch's "Unable to process chunk" wrapper around it), otherwise the root cause.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ArkApiException || t instanceof RunLockLostException) {
                return t.getMessage();
            }
            if (t instanceof TransactionSystemException rollbackFailed && rollbackFailed.getApplicationException() != null) {
                return describe(rollbackFailed.getApplicationException());
            }
            root = t;
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static boolean isDatabaseConnectionFailure(Throwable t) {
        if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                || t instanceof SQLTransientConnectionException) {
            return true;
        }
        // A commit or rollback that JDBC could not carry out, for no reason the database gave: the connection broke
        // under the transaction (a pool's closed connection has no SQLSTATE).
        if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException sql
                && (sql.getSQLState() == null || sql.getSQLState().startsWith("08"))) {
            return true;
        }
        // SQLSTATE class 08: connection exception (refused, lost, broken in the middle of a statement); 57P01-57P03:
        // the server ended the session (shutdown, crash, pg_terminate_backend) or does not accept connections yet;
        // 3D000: no such database; class 28: the server refused the role or its password.
        return t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]")
                        || sql.getSQLState().equals("3D000") || sql.getSQLState().startsWith("28"));
    }
}
