using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Postgres;

[DbContext(typeof(PostgresCordonDb))]
[Migration("20261122000003_ChangeFeed")]
public sealed class M003ChangeFeed : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema003ChangeFeed.Up(migrationBuilder, ColumnTypes.Postgres);
}
