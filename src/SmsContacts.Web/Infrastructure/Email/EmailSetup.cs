using Microsoft.Extensions.Options;

namespace SmsContacts.Web.Infrastructure.Email;

public static class EmailSetup
{
    public static IServiceCollection AddAppEmail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddScoped<IEmailSender, EmailSender>();
        return services;
    }
}

/// <summary>Refuses to start with settings that would make every email fail, saying which setting is wrong.</summary>
internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
