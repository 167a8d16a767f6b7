package io.github.poolbench.history;

/** The store's contract on an SQLite file. */
class SqliteStoreTest extends StoreContractTest {
    private int n;

    @Override
    String newStore() {
        return "jdbc:sqlite:" + tmp.resolve("history-" + (n++) + ".db");
    }
}
