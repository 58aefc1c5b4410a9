/**
 * What a provoked error page must not show: stack traces, framework debug pages, SQL error text,
 * server file paths, and default error pages that name the server's version. Data, not code: the
 * `error-disclosure` check walks this list and its test runs every `example`.
 *
 * Every pattern runs on hostile input, so none has a nested quantifier, every repetition is
 * bounded, and consecutive variable parts are split by characters the earlier part cannot match
 * (a run is then consumed one way only, and each attempt costs at most its bound).
 */

export type SignatureKind = 'stack-trace' | 'debug-page' | 'sql-error' | 'internal-path' | 'version-banner';

/** One tell-tale of an error page that says too much. */
export interface ErrorSignature {
  /** kebab-case, stable. */
  readonly id: string;
  /** For people: "Django debug page". */
  readonly name: string;
  readonly kind: SignatureKind;
  /** Stateless (no `g`/`y` flag): `exec` always scans from the start. */
  readonly pattern: RegExp;
  /** Text the framework or server really emits (captured, or quoted from its source or a real page). */
  readonly example: string;
}

/**
 * Characters of a body searched. Debug pages put their tell-tale first: Django's summary table
 * sits ~5 KB into a 55–67 KB page whose "DEBUG = True" sentence comes last.
 */
export const MAX_SCANNED_CHARS = 65_536;
/** Characters of evidence a finding quotes. */
export const EXCERPT_CHARS = 120;

export const ERROR_SIGNATURES: readonly ErrorSignature[] = [
  // Debug pages first: when one matches, it names the finding.
  {
    id: 'django-debug-500',
    name: 'Django debug page',
    kind: 'debug-page',
    pattern: /<th>Django Version:<\/th>/,
    // Django 3.2.25, DEBUG = True, a view that raised (runserver).
    example: '    <tr>\n      <th>Django Version:</th>\n      <td>3.2.25</td>\n    </tr>',
  },
  {
    id: 'django-debug-notice',
    name: 'Django DEBUG = True notice',
    kind: 'debug-page',
    // Django 3.x writes a typographic apostrophe, older releases a straight one.
    pattern: /You(?:’|'|&#39;|&#x27;)re seeing this error because you have <code>DEBUG = True<\/code>/,
    // Django 3.2.25, DEBUG = True, GET of a path no URL pattern matches.
    example:
      '      You’re seeing this error because you have <code>DEBUG = True</code> in\n      your Django settings file. Change that to <code>False</code>, and Django\n      will display a standard 404 page.',
  },
  {
    id: 'werkzeug-debugger',
    name: 'Werkzeug debugger (Flask debug mode; its console runs code)',
    kind: 'debug-page',
    pattern: /\/\/ Werkzeug Debugger<\/title>|\?__debugger__=yes&amp;cmd=resource|The debugger caught an exception in your WSGI application/,
    // werkzeug/debug/tbtools.py HEADER, rendered.
    example:
      '<!doctype html>\n<html lang=en>\n  <head>\n    <title>ZeroDivisionError: division by zero\n // Werkzeug Debugger</title>\n    <link rel="stylesheet" href="?__debugger__=yes&amp;cmd=resource&amp;f=style.css">',
  },
  {
    id: 'laravel-ignition',
    name: 'Laravel Ignition error page',
    kind: 'debug-page',
    pattern: /window\.data = \{"report":\{"notifier":"Laravel Client"/,
    example:
      '<script>\n    window.data = {"report":{"notifier":"Laravel Client","language":"PHP","framework_version":"12.61.0","language_version":"8.4.25"',
  },
  {
    id: 'whoops',
    name: 'Whoops error page (Laravel, Slim, other PHP apps)',
    kind: 'debug-page',
    pattern: /<div class="Whoops container">|<title>Whoops! There was an error\.<\/title>/,
    // filp/whoops PrettyPageHandler: its default page title and layout.
    example: '<title>Whoops! There was an error.</title>\n  </head>\n  <body>\n\n    <div class="Whoops container">',
  },
  {
    id: 'laravel-debug-json',
    name: 'Laravel debug JSON (exception class and file)',
    kind: 'debug-page',
    pattern: /"exception":\s{0,8}"[\w\\]{1,300}",\s{0,8}"file":/,
    example:
      '{\n    "message": "",\n    "exception": "Symfony\\\\Component\\\\HttpKernel\\\\Exception\\\\NotFoundHttpException",\n    "file": "\\/var\\/www\\/html\\/vendor\\/laravel\\/framework\\/src\\/Illuminate\\/Routing\\/AbstractRouteCollection.php",',
  },
  {
    id: 'symfony-debug',
    name: 'Symfony debug exception page',
    kind: 'debug-page',
    // Only the debug page renders the trace table; the production page is a bare title.
    pattern: /<div class="trace trace-as-html"/,
    example:
      '<div class="trace trace-as-html">\n    <table class="trace-details">\n        <thead class="trace-head"><tr><th>\n            <h3 class="trace-class">',
  },
  {
    id: 'rails-debug',
    name: 'Rails debug exception page',
    kind: 'debug-page',
    pattern: /<title>Action Controller: Exception caught<\/title>/,
    example: '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <meta charset="utf-8" />\n  <title>Action Controller: Exception caught</title>',
  },
  {
    id: 'express-dev-error',
    name: 'Express development error page',
    kind: 'debug-page',
    // finalhandler outside production: the stack, HTML-escaped, one <br> and four spaces per frame.
    pattern: /<pre>[^<\n]{1,500}<br> &nbsp; &nbsp;at /,
    // Express 5.3.0, NODE_ENV unset, malformed JSON posted to express.json().
    example: '<pre>SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br>',
  },
  {
    id: 'spring-whitelabel-trace',
    name: 'Spring Boot Whitelabel page with a stack trace',
    kind: 'debug-page',
    // The trace div exists only with server.error.include-stacktrace; the bare page names Spring, no more.
    pattern: /<div style='white-space:pre-wrap;'>[\w$.]{1,200}(?:Exception|Error)\b/,
    example:
      "<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error, so you are seeing this as a fallback.</p><div id='created'>Mon Aug 01 12:24:22 CST 2022</div><div>There was an unexpected error (type=Internal Server Error, status=500).</div><div style='white-space:pre-wrap;'>java.lang.IllegalStateException: boom</div></body></html>",
  },
  {
    id: 'aspnet-error-page',
    name: 'ASP.NET detailed error page',
    kind: 'debug-page',
    // The yellow screen (customErrors Off) and ASP.NET Core's developer exception page; the
    // remote-only "Runtime Error" page says "An application error occurred" and passes.
    pattern: /An unhandled exception occurred (?:during the execution of the current web request|while processing the request\.)/,
    example:
      '<b> Description: </b>An unhandled exception occurred during the execution of the current web request. Please review the stack trace for more information about the error and where it originated in the code.',
  },

  {
    id: 'node-stack',
    name: 'Node.js stack trace',
    kind: 'stack-trace',
    pattern: /\bat (?:[^\n()<]{1,120} \()?(?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^\s()<>:]{1,300}:\d{1,7}:\d{1,7}\)?/,
    // Express 5.3.0 / body-parser, as the development error page carries it.
    example:
      'SyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n    at parse (/work/main/node_modules/body-parser/lib/types/json.js:93:21)',
  },
  {
    id: 'python-traceback',
    name: 'Python traceback',
    kind: 'stack-trace',
    pattern: /Traceback \(most recent call last\):|\bFile (?:"|&quot;)[^"&\n]{1,300}\.py(?:"|&quot;), line \d{1,7}, in /,
    // Python 3.11 / Django 3.2.25.
    example:
      'Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/django/core/handlers/exception.py", line 47, in inner\n    response = get_response(request)',
  },
  {
    id: 'java-stack',
    name: 'Java stack trace',
    kind: 'stack-trace',
    // A frame `pkg.Class.method(File.java:12)` (Tomcat prints frames without "at"), or an uncaught thread exception.
    pattern:
      /(?<![\w$.])[a-z][\w$]{0,60}\.[\w$.<>]{1,300}\([\w$]{1,100}\.(?:java|kt|scala|groovy):\d{1,7}\)|Exception in thread "[^"\n]{1,100}" [\w$.]{1,200}(?:Exception|Error)\b/,
    // A Jetty 9.4 error page.
    example: '  at org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:673)\n  at java.lang.Thread.run(Thread.java:745)',
  },
  {
    id: 'dotnet-stack',
    name: '.NET stack trace',
    kind: 'stack-trace',
    pattern: /\) in (?:[A-Za-z]:\\|\/)[^\n<:]{1,300}:line \d{1,7}/,
    // The HTML comment an ASP.NET yellow screen ends with.
    example:
      '   at ICUMedical.Umbraco.Extensions.Extensions.ExamineUserLanguage() in c:\\Dev\\Projects\\ICUMedical\\src\\ICUMedical.Umbraco.Extensions\\Extensions.cs:line 47',
  },
  {
    id: 'dotnet-exception',
    name: '.NET exception details',
    kind: 'stack-trace',
    pattern: /\bSystem\.[A-Za-z.]{0,120}Exception: /,
    example: '<b> Exception Details: </b>System.NullReferenceException: Object reference not set to an instance of an object.<br><br>',
  },
  {
    id: 'php-error',
    name: 'PHP error message with file and line',
    kind: 'stack-trace',
    // HTML errors put two spaces after the colon, plain-text errors one.
    pattern: /\b(?:Fatal error|Parse error|Warning|Notice|Deprecated|Recoverable fatal error)(?:<\/b>)?: {1,2}[^\n]{1,500}? on line (?:<b>)?\d{1,7}/,
    // PHP 8.2.36 built-in server, display_errors=1 (docroot renamed).
    example: '<br />\n<b>Warning</b>:  Undefined array key "missing" in <b>/var/www/html/index.php</b> on line <b>4</b><br />',
  },
  {
    id: 'php-stack',
    name: 'PHP stack trace',
    kind: 'stack-trace',
    pattern: /Stack trace:(?:<br \/>)?\r?\n#0 /,
    // PHP 8.2.36 built-in server, display_errors=1, an undefined function called (docroot renamed).
    example:
      '<b>Fatal error</b>:  Uncaught Error: Call to undefined function undefined_function() in /var/www/html/fatal.php:3\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/fatal.php</b> on line <b>3</b><br />',
  },
  {
    id: 'ruby-backtrace',
    name: 'Ruby backtrace',
    kind: 'stack-trace',
    // Ruby before 3.4 quotes the method as `show', 3.4 as 'Users#show'.
    pattern: /(?<![\w./-])[\w./-]{1,200}\.rb:\d{1,7}:in [`'‘]/,
    example: "app/controllers/users_controller.rb:12:in `show'",
  },
  {
    id: 'go-panic',
    name: 'Go panic with goroutine dump',
    kind: 'stack-trace',
    pattern: /\bgoroutine \d{1,7} \[running\]:/,
    example:
      'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]\n\ngoroutine 1 [running]:\nmain.main()',
  },

  {
    id: 'mysql-error',
    name: 'MySQL / MariaDB syntax error',
    kind: 'sql-error',
    pattern: /You have an error in your SQL syntax/,
    example:
      "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ''' at line 1",
  },
  {
    id: 'postgres-error',
    name: 'PostgreSQL error',
    kind: 'sql-error',
    pattern: /\b(?:syntax error|unterminated quoted string) at or near "|\bPG::[A-Z][A-Za-z]{1,40}\b|\borg\.postgresql\.util\.PSQLException\b/,
    // PostgreSQL 15 (psql).
    example: "ERROR:  unterminated quoted string at or near \"''';\"\nLINE 1: select * from pg_class where relname = ''';",
  },
  {
    id: 'sqlite-error',
    name: 'SQLite error',
    kind: 'sql-error',
    pattern: /\bSQLITE_ERROR\b|\bsqlite3\.OperationalError\b|unrecognized token: "/,
    // Python 3.11's sqlite3 module.
    example: "sqlite3.OperationalError: unrecognized token: \"'''\"",
  },
  {
    id: 'oracle-error',
    name: 'Oracle error',
    kind: 'sql-error',
    pattern: /\bORA-\d{5}: /,
    example: 'ORA-01756: quoted string not properly terminated',
  },
  {
    id: 'mssql-error',
    name: 'SQL Server error',
    kind: 'sql-error',
    pattern: /Unclosed quotation mark after the character string|Incorrect syntax near '|\[Microsoft\]\[ODBC (?:SQL Server )?Driver/,
    example: "Unclosed quotation mark after the character string ''.",
  },
  {
    id: 'sqlstate',
    name: 'SQLSTATE database error',
    kind: 'sql-error',
    pattern: /\bSQLSTATE\[[0-9A-Z]{5}\]|\bjava\.sql\.SQL[A-Za-z]{0,40}Exception\b/,
    // PHP PDO over SQLite.
    example: 'SQLSTATE[HY000]: General error: 1 near "\'": syntax error',
  },

  {
    id: 'unix-path',
    name: 'server file path',
    kind: 'internal-path',
    // Where deployed code lives, ending in a source or template file (a bare "/home/" is a link).
    // Also the JSON-escaped form ("\/var\/www\/") PHP's json_encode writes.
    pattern:
      /(?<![\w.:/\\-])\/(?:home\/[\w.-]{1,64}|root|var\/www|srv|usr\/src\/app|usr\/local\/lib\/python3[\d.]{0,6}|opt\/[\w.-]{1,64})\/[\w.@/-]{0,300}\.(?:js|mjs|cjs|ts|py|php|rb|go|java|cs|jsp|erb|ejs|pug|hbs|twig|tpl|ex|exs|pl)\b|\\\/(?:home|var\\\/www|srv|usr\\\/src\\\/app)\\\//,
    // Node.js 20 reading a missing template.
    example: "Error: ENOENT: no such file or directory, open '/usr/src/app/views/missing.ejs'",
  },
  {
    id: 'windows-path',
    name: 'server file path (Windows)',
    kind: 'internal-path',
    pattern: /\b[A-Z]:\\{1,2}(?:inetpub|users|windows|program files|www|wwwroot|websites?|sites|projects|dev|src|apps?|home|deploy)\\{1,2}/i,
    // IIS detailed error, "Detailed Error Information".
    example: '<tr><th>Physical Path</th><td>&nbsp;&nbsp;&nbsp;C:\\inetpub\\wwwroot\\index.html</td></tr>',
  },

  {
    id: 'apache-signature',
    name: 'Apache version',
    kind: 'version-banner',
    pattern: /<address>Apache\/\d[^<]{0,200}<\/address>/,
    example: '<hr>\n<address>Apache/2.4.57 (Debian) Server at 127.0.0.1 Port 443</address>',
  },
  {
    id: 'nginx-banner',
    name: 'nginx version',
    kind: 'version-banner',
    pattern: /<center>(?:nginx|openresty|tengine)\/\d[\w.]{0,30}<\/center>/i,
    // nginx 1.22.1 (Debian), server_tokens on.
    example: '<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>',
  },
  {
    id: 'iis-detailed-error',
    name: 'IIS version',
    kind: 'version-banner',
    pattern: /<title>IIS \d{1,2}\.\d{1,2} Detailed Error/,
    example: '<title>IIS 10.0 Detailed Error - 404.0 - Not Found</title>',
  },
  {
    id: 'tomcat-banner',
    name: 'Tomcat version',
    kind: 'version-banner',
    pattern: /<h3>Apache Tomcat\/\d/,
    example: '<hr class="line" /><h3>Apache Tomcat/9.0.89</h3></body></html>',
  },
  {
    id: 'jetty-banner',
    name: 'Jetty version',
    kind: 'version-banner',
    pattern: /Powered by Jetty:\/\/ \d/,
    example: '<hr><a href="https://eclipse.org/jetty">Powered by Jetty:// 9.4.43.v20210629</a><hr/>',
  },
  {
    id: 'aspnet-version',
    name: 'ASP.NET and .NET versions',
    kind: 'version-banner',
    pattern: /Version Information:<\/b>(?:&nbsp;|\s)Microsoft \.NET Framework Version:\d/,
    example: '<b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.7.2116.0',
  },
];

/** A signature found in a body, with a short readable quote of where. */
export interface SignatureMatch {
  readonly signature: ErrorSignature;
  readonly excerpt: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

/**
 * The text from `index` on, readable: inline tags dropped (`<b>Warning</b>:` reads "Warning:"),
 * other tags turned into spaces, common entities decoded, whitespace collapsed, capped.
 */
function excerptAt(text: string, index: number): string {
  const plain = text
    .slice(index, index + EXCERPT_CHARS * 3)
    .replace(/<\/?(?:a|abbr|b|code|em|i|span|strong)\b[^<>]{0,200}>/gi, '')
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/&(?:nbsp|lt|gt|amp|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS - 1)}…` : plain;
}

/** Every signature found in the start of `body`, in list order (debug pages first). */
export function findSignatures(body: string): SignatureMatch[] {
  const text = body.slice(0, MAX_SCANNED_CHARS);
  const found: SignatureMatch[] = [];
  for (const signature of ERROR_SIGNATURES) {
    const match = signature.pattern.exec(text);
    if (match) found.push({signature, excerpt: excerptAt(text, match.index)});
  }
  return found;
}
