using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Sqlite;

[DbContext(typeof(SqliteCordonDb))]
[Migration("20261208000013_Interceptions")]
public sealed class M013Interceptions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema013Interceptions.Up(migrationBuilder, ColumnTypes.Sqlite);
}
