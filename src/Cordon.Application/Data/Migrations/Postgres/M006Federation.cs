using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Postgres;

[DbContext(typeof(PostgresCordonDb))]
[Migration("20261202000006_Federation")]
public sealed class M006Federation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema006Federation.Up(migrationBuilder, ColumnTypes.Postgres);
}
