package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the ledger says of items quarantined in ark.task_rejects instead of stored: listed, not held. */
class SliceLedgerTest {

    @Test
    void shouldNotBeReconciledWhenQuarantinedItemsHaveAReadableIdAndSaySo() {
        SliceLedger ledger = new SliceLedger("tier=default");

        ledger.quarantined(2, 0);

        assertThat(ledger.reconciled()).isFalse();
        assertThat(ledger.quarantined()).isEqualTo(2);
        assertThat(ledger.note()).isEqualTo("2 item(s) listed but not stored: quarantined in ark.task_rejects");
    }

    @Test
    void shouldCountQuarantinedItemsWithoutAReadableIdApart() {
        SliceLedger ledger = new SliceLedger("tier=default");
        ledger.note("pages capped at 100");

        ledger.quarantined(1, 0);
        ledger.quarantined(0, 1);

        assertThat(ledger.reconciled()).isFalse();
        assertThat(ledger.note()).isEqualTo("pages capped at 100; 2 item(s) listed but not stored: quarantined in "
                + "ark.task_rejects, 1 without a readable id");
    }

    @Test
    void shouldStayReconciledWithoutQuarantinedItems() {
        SliceLedger ledger = new SliceLedger("tier=default");

        ledger.quarantined(0, 0);

        assertThat(ledger.reconciled()).isTrue();
        assertThat(ledger.note()).isNull();
    }
}
