package io.arktasksync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.arktasksync.config.Accounts;
import io.arktasksync.job.plan.SyncMode;

/**
 * The package layering: client -> mapping -> persistence -> job -> run, each using only those before it (and the
 * settings of config); report, metrics, archive, prices, budgets, schema, the embedded database, the demo and the simulator
 * on the side. The commands (cli) use them, and only the entry point uses the commands. The exit-code contract
 * (cli.exit) is every command's and the run's. And no cycle between any two packages, sub-packages included
 * (job.reader must not reach back into job, cli.exit never into cli).
 */
@AnalyzeClasses(packages = "io.arktasksync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Application").definedBy("io.arktasksync")
        .layer("Cli").definedBy("io.arktasksync.cli")
        .layer("ExitCode").definedBy("io.arktasksync.cli.exit..")
        .layer("Config").definedBy("io.arktasksync.config..")
        .layer("Client").definedBy("io.arktasksync.client..")
        .layer("Mapping").definedBy("io.arktasksync.mapping..")
        .layer("Persistence").definedBy("io.arktasksync.persistence..")
        .layer("Lock").definedBy("io.arktasksync.lock..")
        .layer("Job").definedBy("io.arktasksync.job..")
        .layer("Run").definedBy("io.arktasksync.run..")
        .layer("Report").definedBy("io.arktasksync.report..")
        .layer("Metrics").definedBy("io.arktasksync.metrics..")
        .layer("Simulator").definedBy("io.arktasksync.simulator..")
        .layer("Archive").definedBy("io.arktasksync.archive..")
        .layer("Prices").definedBy("io.arktasksync.prices..")
        .layer("Budgets").definedBy("io.arktasksync.budgets..")
        .layer("Schema").definedBy("io.arktasksync.schema..")
        .layer("Embedded").definedBy("io.arktasksync.embedded..")
        .layer("Demo").definedBy("io.arktasksync.demo..")
        .whereLayer("Application").mayNotBeAccessedByAnyLayer()
        .whereLayer("Cli").mayOnlyBeAccessedByLayers("Application")
        // the contract of every command, and how the run's outcome maps onto it
        .whereLayer("ExitCode").mayOnlyBeAccessedByLayers("Application", "Cli", "Run", "Metrics", "Report", "Archive",
                "Prices", "Budgets")
        // the run lock: taken by the run and the archive command, checked by the job and the archive step
        .whereLayer("Lock").mayOnlyBeAccessedByLayers("Job", "Run", "Archive", "ExitCode")
        .whereLayer("Run").mayOnlyBeAccessedByLayers("Cli", "Metrics")
        // the archive step runs in the sync job and takes the job's AccountContext
        .whereLayer("Job").mayOnlyBeAccessedByLayers("Run", "Metrics", "Archive", "ExitCode")
        .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Job", "Run")
        .whereLayer("Mapping").mayOnlyBeAccessedByLayers("Persistence", "Job")
        .whereLayer("Client")
        .mayOnlyBeAccessedByLayers("Mapping", "Persistence", "Job", "Run", "Metrics", "Archive", "ExitCode")
        .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Metrics").mayNotBeAccessedByAnyLayer()
        .whereLayer("Simulator").mayOnlyBeAccessedByLayers("Demo")
        .whereLayer("Archive").mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Prices").mayOnlyBeAccessedByLayers("Cli")
        // the budgets' status goes out with the run's metrics and into report --budgets
        .whereLayer("Budgets").mayOnlyBeAccessedByLayers("Cli", "Metrics", "Report")
        .whereLayer("Schema").mayOnlyBeAccessedByLayers("Cli")
        // the failure line names the embedded database's URL when the command used one
        .whereLayer("Embedded").mayOnlyBeAccessedByLayers("Cli")
        .whereLayer("Demo").mayOnlyBeAccessedByLayers("Cli");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.arktasksync.(**)").should().beFreeOfCycles();

    /** Where a job execution's account is looked up by name: once, for its job-scoped AccountContext. */
    private static final String ACCOUNT_CONTEXT_MADE_IN = "io.arktasksync.job.SyncJobConfiguration";

    @ArchTest
    static final ArchRule oneAccountLookUp = methods().that().areDeclaredIn(Accounts.class).and().haveName("named")
        .should().onlyBeCalled().byClassesThat().haveFullyQualifiedName(ACCOUNT_CONTEXT_MADE_IN);

    @ArchTest
    static final ArchRule oneModeParameterReading = methods().that().areDeclaredIn(SyncMode.class)
        .and().haveName("fromParameter")
        .should().onlyBeCalled().byClassesThat().haveFullyQualifiedName(ACCOUNT_CONTEXT_MADE_IN);

    /** The API client, the mapping and the SQL know nothing of Spring Batch: the job package adapts them to it. */
    @ArchTest
    static final ArchRule noBatchBelowTheJob = noClasses().that()
        .resideInAnyPackage("io.arktasksync.client..", "io.arktasksync.mapping..", "io.arktasksync.persistence..")
        .should().dependOnClassesThat().resideInAnyPackage("org.springframework.batch..");

    /**
     * The report reads its own queries and settings, and exits as the other commands do (cli.exit): nothing of the
     * sync or of the run.
     */
    @ArchTest
    static final ArchRule reportUsesOnlyWhatItNeeds = noClasses().that().resideInAPackage("io.arktasksync.report..")
        .should().dependOnClassesThat().resideInAnyPackage("io.arktasksync.client..", "io.arktasksync.mapping..",
                "io.arktasksync.persistence..", "io.arktasksync.job..", "io.arktasksync.lock..", "io.arktasksync.run..",
                "io.arktasksync.metrics..", "io.arktasksync.archive..", "io.arktasksync.simulator..",
                "io.arktasksync.demo..", "org.springframework.batch..");
}
