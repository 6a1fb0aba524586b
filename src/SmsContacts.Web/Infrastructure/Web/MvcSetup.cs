using Microsoft.AspNetCore.Mvc;

namespace SmsContacts.Web.Infrastructure.Web;

public static class MvcSetup
{
    public static IServiceCollection AddAppMvc(this IServiceCollection services)
    {
        services.AddControllersWithViews(options =>
            {
                // Every POST, PUT, PATCH and DELETE needs an anti-forgery token unless an action opts out (webhooks).
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());

                // A form that cannot be read fails the request (400/413) instead of binding as empty values.
                options.ValueProviderFactories.Insert(0, new ReadFormFirstValueProviderFactory());

                // The sender code of a request is resolved once (SenderCodeScope) and handed to actions that take one.
                options.ModelBinderProviders.Insert(0, new SenderCodeModelBinderProvider());
                options.Filters.Add(new SenderCodeRequiredFilter());
            })
            .AddRazorOptions(options =>
            {
                // Feature folders: a feature's controller, models and views sit together.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
                options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
            });
        services.AddHttpContextAccessor();
        return services;
    }
}
