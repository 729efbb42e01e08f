namespace Cordon.Store;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
