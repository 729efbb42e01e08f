using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261122000005_Cases")]
public sealed class M005Cases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema005Cases.Up(migrationBuilder, ColumnTypes.Sqlite);
}
