using System.CommandLine;
using System.Globalization;
using DelTran.Host.Api;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Hosting;

namespace DelTran.Host.Cli;

/// <summary>The command line: one executable, several verbs.</summary>
public static class DelTranCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider clock) => Run(args, Console.In, stdout, stderr, clock);

    /// <param name="args">The command line.</param>
    /// <param name="stdin">Where `screen` reads names.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where refusals and errors go.</param>
    /// <param name="clock">The machine's clock.</param>
    /// <param name="compose">
    /// Changes to the services of `process` and `serve` after DelTran composed them: for a benchmark's own composition
    /// (DelTran.Bench's `deltran-without-checks`), never for the product.
    /// </param>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider clock, Action<IServiceCollection>? compose = null)
    {
        var files = new Argument<string[]>("files")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "ISO 20022 files, or folders searched for *.xml.",
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Business date for date rules, YYYY-MM-DD (default: today, UTC).",
        };
        var workers = new Option<int?>("--workers")
        {
            Description = "Threads that validate one large file (default: one per CPU core; 1 = sequential).",
        };
        var config = new Option<string?>("--config")
        {
            Description = "Extra JSON configuration file layered over appsettings.json (participants, rulebook).",
        };

        var validate = new Command("validate", "Validate ISO 20022 files against DelTran's schemas and rulebook; one JSON line per file.")
        {
            files,
            asOf,
            workers,
            config,
        };
        validate.SetAction(parse =>
        {
            if (!NoUnknownOptions("validate", parse.GetValue(files), stderr) || !TryReadAsOf(parse.GetValue(asOf), stderr, out DateOnly? given))
            {
                return ValidateCommand.ExitUsage;
            }

            DateOnly businessDate = given ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

            DelTranOptions options;
            try
            {
                options = HostConfiguration.BindOptions(HostConfiguration.Build(parse.GetValue(config)));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException)
            {
                stderr.WriteLine("deltran: configuration: " + ex.Message);
                return ValidateCommand.ExitUsage;
            }

            int workerCount = parse.GetValue(workers) ?? Environment.ProcessorCount;
            if (workerCount is < 1 or > 64)
            {
                stderr.WriteLine($"deltran: --workers must be between 1 and 64, not {workerCount.ToString(CultureInfo.InvariantCulture)}.");
                return ValidateCommand.ExitUsage;
            }

            return ValidateCommand.Run(parse.GetValue(files) ?? [], businessDate, workerCount, options, stdout, stderr);
        });

        var inputs = new Option<string[]>("--in")
        {
            Description = "Files, or folders searched for *.xml, to ingest.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the pacs.002 status reports.",
            Required = true,
        };
        var data = new Option<string?>("--data")
        {
            Description = "Folder for the embedded database (default: a new temporary folder). Ignored when ConnectionStrings:deltran is set.",
        };
        var processAsOf = new Option<string?>("--as-of")
        {
            Description = "Business date of the run, YYYY-MM-DD (default: today, UTC): the date rules, FX rate validity, holiday calendars and windows all see this date.",
        };
        var process = new Command("process", "Run DelTran's main job once: ingest, run every stage, write a pacs.002 per message, then close, net and settle each currency's window and write its reports.")
        {
            inputs,
            output,
            data,
            config,
            processAsOf,
        };
        process.SetAction((parse, cancellationToken) =>
        {
            if (!NoUnknownOptions("process", parse.GetValue(inputs), stderr) || !TryReadAsOf(parse.GetValue(processAsOf), stderr, out DateOnly? businessDate))
            {
                return Task.FromResult(ValidateCommand.ExitUsage);
            }

            IConfiguration configuration;
            try
            {
                configuration = HostConfiguration.Build(parse.GetValue(config));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
            {
                stderr.WriteLine("deltran: configuration: " + ex.Message);
                return Task.FromResult(ValidateCommand.ExitUsage);
            }

            return ProcessCommand.RunAsync(parse.GetValue(inputs) ?? [], parse.GetValue(output)!, parse.GetValue(data), configuration, clock, businessDate, stdout, stderr, cancellationToken, compose);
        });

        var serveData = new Option<string?>("--data")
        {
            Description = "Folder for the embedded database (ignored when ConnectionStrings:deltran is set) and the closed windows' reports (default: DelTran:DataDirectory, else .deltran in the working folder).",
        };
        var urls = new Option<string?>("--urls")
        {
            Description = "Where the API listens (default: as ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS say when set, else http://127.0.0.1:8080).",
        };
        var serve = new Command("serve", "Run the channels, the API, the stage consumers and the scheduled window closes as a service (the default verb).")
        {
            serveData,
            urls,
            config,
        };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            IConfiguration configuration = HostConfiguration.Build(parse.GetValue(config));
            if (DemoKeys.Refusal(configuration) is string refusal)
            {
                await stderr.WriteLineAsync("deltran: cannot start: " + refusal);
                return ValidateCommand.ExitUsage;
            }

            string[] webArgs = ServeSettings.ListenArguments(parse.GetValue(urls), configuration);
            await using WebApplication app = ServeHost.Build(webArgs, configuration, ServeSettings.DataDirectory(parse.GetValue(serveData), configuration), compose);
            StartupInitializer startup = app.Services.GetRequiredService<StartupInitializer>();
            try
            {
                await app.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (startup.Refusal is not null && !cancellationToken.IsCancellationRequested)
            {
                // A refusal that stops the application before every service has started cancels the start itself; it is still a refusal.
            }

            if (startup.Refusal is string refused)
            {
                await stderr.WriteLineAsync("deltran: cannot start: " + refused);
                return ValidateCommand.ExitUsage;
            }

            return 0;
        });

        var lists = new Option<string?>("--lists")
        {
            Description = "Folder of sanctions list files in their published formats (default: the configured lists).",
        };
        var screen = new Command("screen", "Screen names, one per line on stdin, against the sanctions lists; one JSON line per name.")
        {
            lists,
            config,
        };
        screen.SetAction(parse =>
        {
            DelTranOptions options;
            try
            {
                options = HostConfiguration.BindOptions(HostConfiguration.Build(parse.GetValue(config)));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or InvalidOperationException)
            {
                stderr.WriteLine("deltran: configuration: " + ex.Message);
                return ScreenCommand.ExitUsage;
            }

            return ScreenCommand.Run(parse.GetValue(lists), options, stdin, stdout, stderr);
        });

        var checkData = new Option<string?>("--data")
        {
            Description = "Folder of the embedded database to check (ignored when ConnectionStrings:deltran is set; default: .deltran in the working folder).",
        };
        var banks = new Option<string[]>("--bank")
        {
            Description = "Base URL of a bank whose bookings to compare with the ledger (GET /api/v1/settlements, as the mock bank answers); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "One JSON document instead of lines.",
        };
        var check = new Command("check", "Verify DelTran's invariants on the live database: exactly once, conservation, nothing stuck; exit 1 on any break.")
        {
            checkData,
            banks,
            json,
            config,
        };
        check.SetAction((parse, cancellationToken) =>
        {
            IConfiguration configuration;
            try
            {
                configuration = HostConfiguration.Build(parse.GetValue(config));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
            {
                stderr.WriteLine("deltran: configuration: " + ex.Message);
                return Task.FromResult(CheckCommand.ExitError);
            }

            var bankUris = new List<Uri>();
            foreach (string bank in parse.GetValue(banks) ?? [])
            {
                if (!Uri.TryCreate(bank, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                {
                    stderr.WriteLine($"deltran: --bank '{bank}' is not an http(s) URL.");
                    return Task.FromResult(CheckCommand.ExitError);
                }

                bankUris.Add(uri);
            }

            return CheckCommand.RunAsync(configuration, ServeSettings.DataDirectory(parse.GetValue(checkData), configuration), bankUris, parse.GetValue(json), stdout, stderr, cancellationToken);
        });

        var keysNew = new Command("new", "Print a fresh API key and its SHA-256, the form the configuration holds.");
        keysNew.SetAction(_ =>
        {
            string key = "dlt_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            stdout.WriteLine($"key     {key}");
            stdout.WriteLine($"sha256  {ApiKeyAuthentication.Hash(key)}");
            stdout.WriteLine();
            stdout.WriteLine("To rotate a key: add the sha256 beside the current one in DelTran:Participants:N:ApiKeySha256 (or");
            stdout.WriteLine($"DelTran:Operators:N:ApiKeySha256; at most {DelTranOptions.MaxKeysEach} each), restart, hand the key to its holder over a channel you trust,");
            stdout.WriteLine("and once the holder uses it, remove the old hash and restart: the old key no longer opens anything.");
            stdout.WriteLine("The key is shown once; DelTran keeps only its hash.");
            return 0;
        });
        var keys = new Command("keys", "API keys for participants and operators.") { keysNew };

        var probeUrl = new Argument<string>("url") { Description = "The URL to read, e.g. http://127.0.0.1:8080/health/ready." };
        var probe = new Command("probe", "Exit 0 when the URL answers 2xx within 5 seconds, else 1: a container health check (the runtime image has no curl).") { probeUrl };
        probe.SetAction(async (parse, cancellationToken) =>
        {
            string url = parse.GetValue(probeUrl)!;
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri(url), cancellationToken);
                await stdout.WriteLineAsync($"{url}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                await stderr.WriteLineAsync($"deltran: probe {url}: {ex.Message}");
                return 1;
            }
        });

        Task<int> TokensAsync(ParseResult parse, Option<string?> configOption, Option<string?> dataOption, Option<bool> jsonOption, Func<IConfiguration, string, bool, TextWriter, TextWriter, CancellationToken, Task<int>> run, CancellationToken cancellationToken)
        {
            IConfiguration configuration;
            try
            {
                configuration = HostConfiguration.Build(parse.GetValue(configOption));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
            {
                stderr.WriteLine("deltran: configuration: " + ex.Message);
                return Task.FromResult(CheckCommand.ExitError);
            }

            return run(configuration, ServeSettings.DataDirectory(parse.GetValue(dataOption), configuration), parse.GetValue(jsonOption), stdout, stderr, cancellationToken);
        }

        var tokensData = new Option<string?>("--data")
        {
            Description = "Folder of the embedded database (ignored when ConnectionStrings:deltran is set; default: .deltran in the working folder).",
        };
        var tokensJson = new Option<bool>("--json")
        {
            Description = "One JSON document instead of lines.",
        };
        var supply = new Command("supply", "Each currency's tokens: outstanding, locked, reserve, suspense, pending mints, and whether every token is backed; exit 1 on a break.")
        {
            tokensData,
            tokensJson,
            config,
        };
        supply.SetAction((parse, cancellationToken) => TokensAsync(parse, config, tokensData, tokensJson, TokensCommand.SupplyAsync, cancellationToken));
        var reconcile = new Command("reconcile", "Reconcile each currency's token reserve with the banks' statements (DelTran:Banks) and record it; exit 1 on a difference.")
        {
            tokensData,
            tokensJson,
            config,
        };
        reconcile.SetAction((parse, cancellationToken) => TokensAsync(parse, config, tokensData, tokensJson, TokensCommand.ReconcileAsync, cancellationToken));
        var tokens = new Command("tokens", "The token ledger, for operators: its supply, and its reconciliation with the banks.")
        {
            supply,
            reconcile,
        };

        var root = new RootCommand("DelTran: clearing and settlement for ISO 20022 payments in INR, AED and USD.")
        {
            keys,
            probe,
            validate,
            process,
            serve,
            tokens,
            screen,
            check,
        };
        root.SetAction((parse, cancellationToken) => serve.Parse([.. args]).InvokeAsync(cancellationToken: cancellationToken));

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine("deltran: " + error.Message);
            }

            stderr.WriteLine("Run 'deltran --help' for usage.");
            return ValidateCommand.ExitUsage;
        }

        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>
    /// False (and says so) when a path argument looks like an option and is no file or folder: `validate --bogus` is a
    /// mistyped option, not a missing file.
    /// </summary>
    private static bool NoUnknownOptions(string command, IEnumerable<string>? paths, TextWriter stderr)
    {
        string[] unknown = [.. (paths ?? []).Where(p => p.StartsWith('-') && p.Length > 1 && !File.Exists(p) && !Directory.Exists(p))];
        foreach (string option in unknown)
        {
            stderr.WriteLine($"deltran: unknown option '{option}' for {command}. Run 'deltran {command} --help' for its options.");
        }

        return unknown.Length == 0;
    }

    /// <summary>Reads an --as-of value: null when absent; false (and says why) when it is not a date.</summary>
    private static bool TryReadAsOf(string? text, TextWriter stderr, out DateOnly? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed))
        {
            stderr.WriteLine($"deltran: --as-of '{text}' is not a date in the form YYYY-MM-DD.");
            return false;
        }

        date = parsed;
        return true;
    }
}
