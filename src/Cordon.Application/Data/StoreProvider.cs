namespace Cordon.Application.Data;

public enum StoreProvider
{
    Sqlite,
    Postgres,
}
