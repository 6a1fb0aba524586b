using Microsoft.Extensions.Options;

namespace SmsContacts.Web.Infrastructure.Sms;

public static class SmsSetup
{
    /// <summary>The Twilio account settings and the provider's send API behind <see cref="ISmsSender"/> (the outbound queue's job is Features/Outbound).</summary>
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        services.AddHttpClient(TwilioSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ISmsSender, TwilioSmsSender>();
        return services;
    }
}
