using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>
/// An action parameter of type <see cref="SenderCodeOption"/> is the request's sender code, resolved once by
/// <see cref="SenderCodeScope"/>; nothing of the request binds into it. <see cref="SenderCodeRequiredFilter"/>
/// answers before the action runs when there is none, so the action gets a sender code the user may use.
/// </summary>
public sealed class SenderCodeModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(SenderCodeOption) ? new SenderCodeModelBinder() : null;

    private sealed class SenderCodeModelBinder : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var http = bindingContext.HttpContext;
            var choice = await http.RequestServices.GetRequiredService<SenderCodeScope>().GetAsync(http.RequestAborted);
            bindingContext.Result = ModelBindingResult.Success(choice.Current);
        }
    }
}

/// <summary>
/// For every action that takes a <see cref="SenderCodeOption"/>: a user who may use no sender code sees what to do
/// (the NoSenderCode page, 200), and a page that names a sender code the user may not use is refused with a
/// message (404, the same answer as for an id of another sender code, so nobody learns which codes exist).
/// After the action, a local redirect of a request that worked in another code than this browser's session
/// keeps that code in the address (<see cref="SenderCodeScope.PageField"/>), so a stale tab stays in its code.
/// </summary>
public sealed class SenderCodeRequiredFilter : IAsyncActionFilter, IAsyncResultFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (!UsesSenderCode(context.ActionDescriptor))
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var choice = await http.RequestServices.GetRequiredService<SenderCodeScope>().GetAsync(http.RequestAborted);
        if (choice.Current is not null)
        {
            await next();
            return;
        }

        var controller = (Controller)context.Controller;
        var refused = choice.Source == SenderCodeSource.Refused;
        var view = refused ? "/Features/Shared/SenderCodeRefused.cshtml" : "/Features/Shared/NoSenderCode.cshtml";
        var status = refused ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        if (http.IsHtmx())
        {
            // A fragment for the popup or the grid: no layout around it.
            var partial = controller.PartialView(view);
            partial.StatusCode = status;
            context.Result = partial;
        }
        else
        {
            var page = controller.View(view);
            page.StatusCode = status;
            context.Result = page;
        }
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (UsesSenderCode(context.ActionDescriptor) && context.Result is RedirectResult or LocalRedirectResult or RedirectToActionResult)
        {
            var http = context.HttpContext;
            var choice = await http.RequestServices.GetRequiredService<SenderCodeScope>().GetAsync(http.RequestAborted);
            if (choice.DiffersFromSession && choice.Current is { } current)
            {
                context.Result = KeepSenderCode(context, current.Id);
            }
        }

        await next();
    }

    private static IActionResult KeepSenderCode(ResultExecutingContext context, int senderCodeId)
    {
        var url = context.Result switch
        {
            RedirectResult r => r.Url,
            LocalRedirectResult r => r.Url,
            RedirectToActionResult r => new UrlHelperFactoryAccessor(context).Url.Action(r.ActionName, r.ControllerName, r.RouteValues) ?? "/",
            _ => "/",
        };

        // Only the app's own addresses: an absolute URL elsewhere keeps what it was.
        if (!url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal))
        {
            return context.Result;
        }

        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new RedirectResult($"{url}{separator}{SenderCodeScope.PageField}={senderCodeId.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool UsesSenderCode(Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor action) =>
        action.Parameters.Any(p => p.ParameterType == typeof(SenderCodeOption));

    private sealed class UrlHelperFactoryAccessor(ActionContext context)
    {
        public IUrlHelper Url => context.HttpContext.RequestServices
            .GetRequiredService<Microsoft.AspNetCore.Mvc.Routing.IUrlHelperFactory>().GetUrlHelper(context);
    }
}

/// <summary>
/// Every <c>&lt;form method="post"&gt;</c> carries the sender code its page shows (hidden field
/// <see cref="SenderCodeScope.PageField"/>; in the action's query for a multipart upload), as every form carries its
/// anti-forgery token: the action then works in the code the person saw, whatever another tab picked since.
/// </summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SenderCodeFormTagHelper(SenderCodeScope scope) : TagHelper
{
    // After the framework's form tag helper, which adds the anti-forgery token.
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var method = output.Attributes["method"]?.Value?.ToString() ?? context.AllAttributes["method"]?.Value?.ToString();
        if (!string.Equals(method, "post", StringComparison.OrdinalIgnoreCase)
            || ViewContext.HttpContext.User.Identity?.IsAuthenticated != true
            || (await scope.GetAsync(ViewContext.HttpContext.RequestAborted)).Current is not { } current)
        {
            return;
        }

        var id = current.Id.ToString(CultureInfo.InvariantCulture);
        var enctype = output.Attributes["enctype"]?.Value?.ToString();
        if (string.Equals(enctype, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            // An upload is streamed and its fields are not read before the file: the code goes in the address.
            var action = output.Attributes["action"]?.Value?.ToString() ?? ViewContext.HttpContext.Request.Path.Value ?? "/";
            var separator = action.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            output.Attributes.SetAttribute("action", $"{action}{separator}{SenderCodeScope.PageField}={id}");
            return;
        }

        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{SenderCodeScope.PageField}\" value=\"{id}\" />");
    }
}
