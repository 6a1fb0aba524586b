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

    /// <summary>Headers every response carries: no sniffing, no framing, no referrer leaks of export links.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            await next();
        });
}
