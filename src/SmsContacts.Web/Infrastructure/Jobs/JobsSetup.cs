using Hangfire;
using Hangfire.Dashboard;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire with durable storage on both providers: imports and exports survive a restart, and
/// several instances sharing one store run each job once.
/// </summary>
public static class JobsSetup
{
    public static IServiceCollection AddAppJobs(this IServiceCollection services, DatabaseTarget database, DataDirectory data, JobsOptions jobs)
    {
        // This app's own storage, registered before AddHangfire (which would otherwise hand out JobStorage.Current,
        // a process-wide value that the last host to start sets): several hosts in one process (the tests) each
        // enqueue into their own database, never into another's.
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.SqlServer
            ? new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(1),
            })
            : new SQLiteStorage(data.HangfireSqliteDatabase, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(1),
            }));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));

        if (jobs.RunServer)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = jobs.WorkerCount;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }

    /// <summary>The Hangfire dashboard, for admins only.</summary>
    public static void MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(Security.Policies.Admin);
}

internal sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(nameof(UserRole.Admin));
}
