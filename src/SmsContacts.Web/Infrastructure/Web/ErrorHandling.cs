using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>Settings of the "Errors" section.</summary>
public sealed class ErrorsOptions
{
    public const string Section = "Errors";

    /// <summary>
    /// Show the developer exception page (stack trace, source, request headers) instead of the app's error
    /// page. Honoured only in the Development environment; off unless a developer sets it.
    /// </summary>
    public bool ShowDetails { get; set; }
}

/// <summary>
/// Requests the server cannot read are the client's fault, answered 400 or 413 with the app's error page,
/// never 500: a form over a size or count limit, a malformed or cut multipart body, a body over Kestrel's
/// limit, or a form read from a request that has none.
/// </summary>
public static class UnreadableRequest
{
    /// <summary>
    /// The status for an exception thrown while reading the request (400 or 413, or the status Kestrel gave
    /// it), or null for any other exception (a server error, 500). An IOException is the client's only when it
    /// is the multipart reader's "Unexpected end of Stream"; a full disk stays a server error.
    /// </summary>
    public static int? StatusCodeFor(Exception exception) => exception switch
    {
        // Kestrel: body over MaxRequestBodySize (413), cut short, malformed chunking (400).
        BadHttpRequestException bad => bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,

        // FormReader / MultipartReader: "Form value length limit 4194304 exceeded", "Multipart body length
        // limit ... exceeded", "Line length limit 16384 exceeded" are sizes; value counts and a body that
        // ends mid-part are malformed requests. The framework gives no other way to tell them apart.
        InvalidDataException data when data.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => StatusCodes.Status413RequestEntityTooLarge,
        InvalidDataException => StatusCodes.Status400BadRequest,

        // MultipartReaderStream: the body ended before the closing boundary (a cut upload).
        IOException io when io.Message.StartsWith("Unexpected end of Stream", StringComparison.Ordinal) => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>
    /// Outermost: whatever escapes the exception handler (the error page itself failing) becomes a plain 500,
    /// so nothing ever reaches the framework's developer page, which the Development environment adds in front.
    /// </summary>
    public static IApplicationBuilder UseLastResortErrorPage(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next();
            }
            catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnreadableRequest))
                    .LogError(exception, "The error page failed for {Path}", context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Something went wrong. The error has been logged.");
            }
        });

    /// <summary>
    /// A request without a form body gets a form feature that refuses to be read as a client error (400),
    /// where the framework would throw InvalidOperationException (500): Hangfire's dashboard reads the form
    /// of <c>GET /jobs/stats</c>, for one. Requests that do carry a form keep the framework's reader.
    /// </summary>
    public static IApplicationBuilder UseNoFormMeansBadRequest(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.HasFormContentType)
            {
                context.Features.Set<IFormFeature>(new NoFormFeature());
            }

            return next(context);
        });

    private sealed class NoFormFeature : IFormFeature
    {
        private IFormCollection? _form;

        public bool HasFormContentType => false;

        public IFormCollection? Form
        {
            get => _form;
            set => _form = value;
        }

        public IFormCollection ReadForm() => _form ?? throw NoForm();

        public Task<IFormCollection> ReadFormAsync(CancellationToken cancellationToken) =>
            _form is not null ? Task.FromResult(_form) : Task.FromException<IFormCollection>(NoForm());

        private static BadHttpRequestException NoForm() => new("This address needs a form post.", StatusCodes.Status400BadRequest);
    }
}

/// <summary>
/// MVC turns a form it cannot read into a model-state error and runs the action with empty values (a form
/// "saved" as blanks, an error page showing status 0). Placed first among the value-provider factories,
/// this reads the form before the framework's own factory does and lets the failure propagate, so the
/// exception handler answers it (<see cref="UnreadableRequest.StatusCodeFor"/>). An action that streams its
/// body itself removes the framework's form factories, and then this reads nothing either.
/// </summary>
public sealed class ReadFormFirstValueProviderFactory : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var request = context.ActionContext.HttpContext.Request;
        if (request.HasFormContentType && BindsForm(context.ActionContext))
        {
            await request.ReadFormAsync(context.ActionContext.HttpContext.RequestAborted);
        }
    }

    private static bool BindsForm(ActionContext action) =>
        action is not ControllerContext controller
        || controller.ValueProviderFactories.Any(f => f is FormValueProviderFactory or JQueryFormValueProviderFactory or FormFileValueProviderFactory);
}
