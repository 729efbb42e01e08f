using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261122000004_Response")]
public sealed class M004Response : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema004Response.Up(migrationBuilder, ColumnTypes.Sqlite);
}
