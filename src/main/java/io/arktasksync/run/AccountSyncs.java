package io.arktasksync.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.arktasksync.cli.exit.ExitCode;
import io.arktasksync.config.Accounts;
import io.arktasksync.config.AccountSettings;
import io.arktasksync.config.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.core.job.JobExecution;

/**
 * Syncs every account of this process's shard, at most {@code ARK_ACCOUNT_CONCURRENCY} at a time, and sums up.
 * <p>
 * One job execution per account, not one partitioned step: each account already is a job of its own
 * ({@link io.arktasksync.run.AccountJobs}) with its own lock, plan (full or incremental), ark.sync_runs row,
 * restart and recovery. A partitioned step would put all accounts in one job instance, so a restart, the
 * full/incremental decision and the exit status would be shared, and one account's failure would make every account's
 * next run a restart. Separate executions keep the accounts independent: one failing does not stop the others, and
 * only it resumes next time.
 * <p>
 * A single configured account runs exactly as before this class existed: directly, its exit code the process's.
 */
public class AccountSyncs {

    private static final Logger log = LoggerFactory.getLogger(AccountSyncs.class);

    private final SyncRunner runner;

    /** The logging context key naming the account a line is about (several accounts in one process only). */
    private static final String ACCOUNT_LOG_KEY = "account";

    private final Accounts accounts;

    private final Shard shard;

    private final int concurrency;

    public AccountSyncs(SyncRunner runner, Accounts accounts, Shard shard, int concurrency) {
        this.runner = runner;
        this.accounts = accounts;
        this.shard = shard;
        this.concurrency = concurrency;
    }

    /** @return the process's exit code */
    public ExitCode run() throws Exception {
        List<AccountSettings> all = accounts.all();
        if (all.size() == 1 && shard.equals(Shard.ALL)) {
            return runner.run(all.get(0)).exitCode();
        }
        List<AccountSettings> mine = all.stream().filter(account -> shard.includes(account.account())).toList();
        if (mine.isEmpty()) {
            log.warn("No account of the {} configured falls into shard {}: nothing to sync", all.size(), shard);
            return ExitCode.SUCCESS;
        }
        log.info("Syncing {} account(s) of {} (shard {}), {} at a time: {}", mine.size(), all.size(), shard,
                Math.min(concurrency, mine.size()), mine.stream().map(AccountSettings::account)
                    .collect(Collectors.joining(", ")));
        AtomicBoolean stopping = new AtomicBoolean();
        // On SIGTERM the running accounts stop at a chunk boundary (their own hooks); those still waiting must not
        // start then.
        Thread noMoreStarts = new Thread(() -> stopping.set(true), "no-more-accounts");
        Runtime.getRuntime().addShutdownHook(noMoreStarts);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, mine.size()), runnable -> {
            Thread thread = new Thread(runnable, "account-sync-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<AccountOutcome>> futures = new ArrayList<>();
            for (AccountSettings account : mine) {
                futures.add(pool.submit(() -> syncOne(account, stopping)));
            }
            List<AccountOutcome> outcomes = new ArrayList<>();
            for (Future<AccountOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return summarize(outcomes, all.size());
        }
        finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(noMoreStarts);
            }
            catch (IllegalStateException shuttingDown) {
                // the hook has run or is running
            }
        }
    }

    private AccountOutcome syncOne(AccountSettings account, AtomicBoolean stopping) {
        String name = account.account();
        if (stopping.get()) {
            return new AccountOutcome(name, ExitCode.STOPPED, "not started: the process was asked to stop");
        }
        // every line this account's run logs starts with [name] (logging.pattern.console): accounts run interleaved
        MDC.put(ACCOUNT_LOG_KEY, name);
        try {
            SyncOutcome outcome = runner.run(account);
            return new AccountOutcome(name, outcome.exitCode(), why(outcome));
        }
        catch (Exception e) {
            log.error("Account {}: the sync failed: {}", name, ExitCode.describe(e), e);
            return new AccountOutcome(name, ExitCode.forFailure(e), ExitCode.describe(e));
        }
        finally {
            MDC.remove(ACCOUNT_LOG_KEY);
        }
    }

    private static String why(SyncOutcome outcome) {
        if (outcome.exitCode() == ExitCode.SUCCESS) {
            return null;
        }
        if (outcome.exitCode() == ExitCode.ALREADY_RUNNING) {
            return "another run of this account holds its lock";
        }
        JobExecution execution = outcome.execution();
        if (execution == null) {
            return outcome.exitCode().name();
        }
        if (!execution.getAllFailureExceptions().isEmpty()) {
            return ExitCode.describe(execution.getAllFailureExceptions().get(0));
        }
        String description = execution.getExitStatus().getExitDescription();
        return description == null || description.isBlank() ? execution.getExitStatus().getExitCode() : description;
    }

    /** One line naming every failed account and why, and the exit code ({@link ExitCode#ofAll}). */
    static ExitCode summarize(List<AccountOutcome> outcomes, int configured) {
        List<AccountOutcome> failed = outcomes.stream().filter(o -> o.exitCode() != ExitCode.SUCCESS).toList();
        String summary = String.format("Accounts: %d of %d synced%s", outcomes.size() - failed.size(),
                outcomes.size(), outcomes.size() == configured ? "" : " (" + configured + " configured, the others "
                        + "are other shards')");
        if (failed.isEmpty()) {
            log.info(summary);
            return ExitCode.SUCCESS;
        }
        log.error("{}; failed: {}", summary, failed.stream()
            .map(o -> o.account() + " (exit " + o.exitCode().code() + ": " + o.why() + ")")
            .collect(Collectors.joining("; ")));
        return ExitCode.ofAll(failed.stream().map(AccountOutcome::exitCode).toList());
    }

    /** How one account's sync ended; {@code why} is null after a success. */
    record AccountOutcome(String account, ExitCode exitCode, String why) {
    }
}
