using Microsoft.Extensions.Options;
using Serilog;
using SmsContacts.Web.Data;
using SmsContacts.Web.Features;
using SmsContacts.Web.Infrastructure;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Email;
using SmsContacts.Web.Infrastructure.Jobs;
using SmsContacts.Web.Infrastructure.Logging;
using SmsContacts.Web.Infrastructure.Persistence;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Sms;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web;

/// <summary>
/// The composition root's two halves (beside Program.cs): what the app is made of, and how a request flows through it.
/// It alone knows every layer, features included; nothing under Infrastructure may (tests/ArchitectureTests).
/// </summary>
public static class AppSetup
{
    public static WebApplicationBuilder AddSmsContacts(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;

        var data = DataDirectory.FromConfiguration(configuration, builder.Environment.ContentRootPath);
        var database = DatabaseTarget.FromConfiguration(configuration, data);
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        // First hosted service: the schema and the first admin exist before jobs run or requests arrive.
        services.AddHostedService<AppInitializer>();

        services.AddSingleton(data);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .Validate(o => o.IsValid, "Admin:Email and Admin:Password must be set together, with a valid email.")
            .ValidateOnStart();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddAppLogging(configuration, data.Logs);
        services.AddAppDatabase(database);
        services.AddAppIdentity();
        services.AddAppJobs(database, data, jobs);
        services.AddAppEmail();
        services.AddAppMvc();
        services.AddSecurityHeaders(configuration);
        services.AddOptions<ErrorsOptions>().BindConfiguration(ErrorsOptions.Section);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        services.AddSms();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

        services.AddScoped<ContactRepository>();
        services.AddSingleton<SmsContacts.Web.Domain.ContactConsent>();
        services.AddScoped<SenderCodeScope>();
        services.AddScoped<DateDisplay>();
        services.AddScoped<SmsContacts.Web.Infrastructure.Security.SenderCodeAccess>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<UserBootstrap>();
        services.AddSingleton<SetupState>();
        services.AddFeatures();
        return builder;
    }

    public static WebApplication UseSmsContacts(this WebApplication app)
    {
        app.UseLastResortErrorPage();
        app.UseProxyAndSecurityHeaders();
        app.UseSerilogRequestLogging();

        // A stack trace reaches a browser only when a developer asks for it, in Development, with Errors:ShowDetails.
        var errors = app.Services.GetRequiredService<IOptions<ErrorsOptions>>().Value;
        if (errors.ShowDetails && app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                StatusCodeSelector = exception => UnreadableRequest.StatusCodeFor(exception) ?? StatusCodes.Status500InternalServerError,

                // A client's unreadable request is not the server's error: the error page logs it as a warning.
                SuppressDiagnosticsCallback = context => UnreadableRequest.StatusCodeFor(context.Exception) is not null,
            });
        }

        app.UseStatusCodePagesWithReExecute("/error");
        app.UseNoFormMeansBadRequest();
        app.UseStaticFiles();
        app.UseFirstAdminSetup();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapJobsDashboard();
        app.MapControllers();
        return app;
    }
}
