package io.arktasksync.job.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the ledger says of items quarantined unread (too large, or the item a page broke in). */
class SliceLedgerTest {

    @Test
    void shouldStayReconciledWithQuarantinedItemsWhoseIdIsKnownAndSaySo() {
        SliceLedger ledger = new SliceLedger("tier=default");

        ledger.quarantined(2, 0);

        assertThat(ledger.reconciled()).isTrue();
        assertThat(ledger.note()).isEqualTo("2 item(s) quarantined unread in ark.task_rejects");
    }

    @Test
    void shouldNotBeReconciledWhenAQuarantinedItemHasNoReadableId() {
        SliceLedger ledger = new SliceLedger("tier=default");
        ledger.note("pages capped at 100");

        ledger.quarantined(1, 0);
        ledger.quarantined(0, 1);

        assertThat(ledger.reconciled()).isFalse();
        assertThat(ledger.note()).isEqualTo("pages capped at 100; 2 item(s) quarantined unread in ark.task_rejects, "
                + "1 without a readable id");
    }
}
