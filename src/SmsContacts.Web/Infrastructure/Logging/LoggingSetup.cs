using Serilog;

namespace SmsContacts.Web.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// Levels and console output come from the "Serilog" section of appsettings; the rolling file
    /// is added here because its folder is the configured data directory.
    /// </summary>
    public static IServiceCollection AddAppLogging(this IServiceCollection services, IConfiguration configuration, string logsFolder) =>
        services.AddSerilog((_, logger) => logger
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.File(
                Path.Combine(logsFolder, "smscontacts-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                shared: true,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
}
