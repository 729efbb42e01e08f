using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Cordon.Application.Data.Migrations.Postgres;

[DbContext(typeof(PostgresCordonDb))]
[Migration("20261207000009_Transparency")]
public sealed class M009Transparency : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => Schema009Transparency.Up(migrationBuilder, ColumnTypes.Postgres);
}
