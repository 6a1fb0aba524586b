using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Infrastructure.Persistence;

/// <summary>
/// Used only by `dotnet ef` so migrations can be generated and checked for either provider
/// without running the app or reaching a database server.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqliteAppDbContext(options.Options);
    }
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(options, "Server=design-time;Database=SmsContacts;Integrated Security=true;TrustServerCertificate=true");
        return new SqlServerAppDbContext(options.Options);
    }
}
