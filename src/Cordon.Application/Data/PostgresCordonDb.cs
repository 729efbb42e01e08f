using Microsoft.EntityFrameworkCore;

namespace Cordon.Application.Data;

public sealed class PostgresCordonDb(DbContextOptions<PostgresCordonDb> options) : CordonDb(options)
{
    public override StoreProvider Provider => StoreProvider.Postgres;
}
