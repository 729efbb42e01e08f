using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261122000001_Members")]
public sealed class M001Members : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema001Members.Up(migrationBuilder, ColumnTypes.Sqlite);
}
