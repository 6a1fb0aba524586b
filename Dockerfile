# SmsContacts: build with the .NET SDK, run on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SmsContacts.Web/SmsContacts.Web.csproj src/SmsContacts.Web/
RUN dotnet restore src/SmsContacts.Web/SmsContacts.Web.csproj
COPY src/ src/
RUN dotnet publish src/SmsContacts.Web/SmsContacts.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The data folder belongs to the unprivileged user the image runs as, so a fresh volume is writable.
RUN mkdir -p /data && chown "$APP_UID" /data
# MALLOC_ARENA_MAX=2: glibc otherwise gives busy threads their own malloc arenas, each keeping what it once
# held; two arenas took ~20 MB off the peak of a million-row import (bench import scenario).
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    MALLOC_ARENA_MAX=2
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "SmsContacts.Web.dll"]
