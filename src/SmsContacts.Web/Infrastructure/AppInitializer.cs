using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Persistence;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Infrastructure;

/// <summary>
/// Schema first (migrations), then roles and the configured first admin. A hosted service so it
/// runs in every way the app starts (dotnet run, containers, test hosts) before anything is served.
/// </summary>
public sealed class AppInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<UserBootstrap>().RunAsync(cancellationToken);
    }
}
