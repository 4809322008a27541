<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <location filename="../app/workbench/main.cpp" line="+31"/>
        <source>Run map/reduce/produce evaluation batches in sandboxes.</source>
        <translation>Map/Reduce/Produce-Auswertungsläufe in Sandboxes ausführen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the main window, check it, and quit.</source>
        <translation>Das Hauptfenster öffnen, prüfen und beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A job file to open.</source>
        <translation>Eine zu öffnende Job-Datei.</translation>
    </message>
</context>
<context>
    <name>mrp::ApiError</name>
    <message>
        <location filename="../services/daytona/apierror.cpp" line="+144"/>
        <source>Could not %1: the server has no Daytona API at %2 (%3); the API URL usually ends in /api. Check it in Settings or DAYTONA_API_URL.</source>
        <translation>Es war nicht möglich, %1: Der Server hat unter %2 keine Daytona-API (%3); die API-URL endet meist auf /api. Prüfen Sie sie in den Einstellungen oder in DAYTONA_API_URL.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Could not %1: the Daytona API did not answer in time. Check your connection and try again.</source>
        <translation>Es war nicht möglich, %1: Die Daytona-API hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled: %1.</source>
        <translation>Abgebrochen: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not %1: the Daytona API at %2 could not be reached (%3). Check your connection and the API URL (DAYTONA_API_URL).</source>
        <translation>Es war nicht möglich, %1: Die Daytona-API unter %2 ist nicht erreichbar (%3). Prüfen Sie Ihre Verbindung und die API-URL (DAYTONA_API_URL).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not %1: the Daytona API key was rejected (401). Update it with `mrp key set` or in Settings → Account.</source>
        <translation>Es war nicht möglich, %1: Der Daytona-API-Schlüssel wurde abgelehnt (401). Erneuern Sie ihn mit `mrp key set` oder unter Einstellungen → Konto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not %1: the Daytona API key is not allowed to do this (403). Check the key&apos;s permissions in the Daytona dashboard.</source>
        <translation>Es war nicht möglich, %1: Der Daytona-API-Schlüssel darf dies nicht (403). Prüfen Sie die Berechtigungen des Schlüssels im Daytona-Dashboard.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not %1: the command ran out of time (408).</source>
        <translation>Es war nicht möglich, %1: Der Befehl hat das Zeitlimit überschritten (408).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not %1: the Daytona gateway timed out (504). Try again later.</source>
        <translation>Es war nicht möglich, %1: Das Daytona-Gateway hat das Zeitlimit überschritten (504). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not %1: Daytona is rate limiting requests (429). Lower the concurrency or try again later.</source>
        <translation>Es war nicht möglich, %1: Daytona begrenzt die Anfragerate (429). Verringern Sie die Parallelität oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not %1: the Daytona service had a problem (%2). Try again later.</source>
        <translation>Es war nicht möglich, %1: Beim Daytona-Dienst ist ein Problem aufgetreten (%2). Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not %1: your Daytona quota is exhausted (%2). Lower the concurrency, delete unused sandboxes (`mrp sweep`) or raise the quota.</source>
        <translation>Es war nicht möglich, %1: Ihr Daytona-Kontingent ist erschöpft (%2). Verringern Sie die Parallelität, löschen Sie ungenutzte Sandboxes (`mrp sweep`) oder erhöhen Sie das Kontingent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not %1: not found on the server (404).</source>
        <translation>Es war nicht möglich, %1: auf dem Server nicht gefunden (404).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not %1: the request was refused (%2%3).</source>
        <translation>Es war nicht möglich, %1: Die Anfrage wurde abgelehnt (%2%3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not %1: unexpected reply (%2).</source>
        <translation>Es war nicht möglich, %1: unerwartete Antwort (%2).</translation>
    </message>
</context>
<context>
    <name>mrp::ApiJob</name>
    <message>
        <location filename="../services/daytona/apijob.cpp" line="+63"/>
        <source>the URL &quot;%1&quot; is not valid</source>
        <translation>Die URL „%1“ ist ungültig</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>refusing to send the API key to %1 over %2: use https:// (plain http is allowed only for loopback addresses such as 127.0.0.1).</source>
        <translation>Der API-Schlüssel wird nicht über %2 an %1 gesendet: Verwenden Sie https:// (einfaches http ist nur für Loopback-Adressen wie 127.0.0.1 erlaubt).</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancelled: %1.</source>
        <translation>Abgebrochen: %1.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Could not %1: %2</source>
        <translation>Es war nicht möglich, %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not %1: the Daytona API&apos;s %2 rate limit allows the next call in %3 s (at %4), longer than the %5 s this run waits.</source>
        <translation>%1 nicht möglich: Das %2-Ratenlimit der Daytona-API erlaubt den nächsten Aufruf erst in %3 s (um %4), länger als die %5 s, die dieser Lauf wartet.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not %1: the request could not be sent.</source>
        <translation>Es war nicht möglich, %1: Die Anfrage konnte nicht gesendet werden.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Could not %1: the server&apos;s reply is larger than %2 MiB, the most we read.</source>
        <translation>Es war nicht möglich, %1: Die Antwort des Servers ist größer als %2 MiB, das Höchste, was gelesen wird.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Could not %1: the server sent a reply we do not understand.</source>
        <translation>Es war nicht möglich, %1: Der Server hat eine unverständliche Antwort gesendet.</translation>
    </message>
</context>
<context>
    <name>mrp::ArtifactViewer</name>
    <message>
        <location filename="../app/workbench/artifactviewer.cpp" line="+70"/>
        <source>%1 — MRP Workbench</source>
        <translation>%1 — MRP Workbench</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open %1: %2</source>
        <translation>%1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Showing the first %1 only.</source>
        <translation>Es werden nur die ersten %1 angezeigt.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+16"/>
        <source>File contents</source>
        <translation>Dateiinhalt</translation>
    </message>
</context>
<context>
    <name>mrp::ArtifactsPage</name>
    <message>
        <location filename="../app/workbench/artifactspage.cpp" line="+41"/>
        <source>Could not read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <location line="+13"/>
        <source>Could not write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The copy of %1 does not match its recorded digest; nothing was saved.</source>
        <translation>Die Kopie von %1 passt nicht zu ihrem gespeicherten Digest; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No run selected. Run a job or open one from History.</source>
        <translation>Kein Lauf ausgewählt. Führen Sie einen Job aus oder öffnen Sie einen im Verlauf.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save a Copy…</source>
        <translation>Kopie &amp;speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel Cop&amp;y</source>
        <translation>Kopieren abbre&amp;chen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Containing F&amp;older</source>
        <translation>Enthaltenden &amp;Ordner öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport CSV…</source>
        <translation>Als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vie&amp;w</source>
        <translation>An&amp;zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run files</source>
        <translation>Lauf-Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Produced output</source>
        <translation>Erzeugte Ausgabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Produced outputs</source>
        <translation>Erzeugte Ausgaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy progress</source>
        <translation>Kopierfortschritt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the selected file (CSV, JSON or text) in a window</source>
        <translation>Die ausgewählte Datei (CSV, JSON oder Text) in einem Fenster anzeigen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy cancelled.</source>
        <translation>Kopieren abgebrochen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy saved and verified.</source>
        <translation>Kopie gespeichert und geprüft.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Run %1: files in %2</source>
        <translation>Lauf %1: Dateien in %2</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+24"/>
        <source>Select a file first.</source>
        <translation>Wählen Sie zuerst eine Datei aus.</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Save a Copy</source>
        <translation>Kopie speichern</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not open %1: no file manager is set up to open folders. The path is in the title above; copy it from there.</source>
        <translation>%1 konnte nicht geöffnet werden: Es ist kein Dateimanager zum Öffnen von Ordnern eingerichtet. Der Pfad steht oben im Titel; kopieren Sie ihn von dort.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export Run as CSV</source>
        <translation>Lauf als CSV exportieren</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="vanished">Als CSV exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exported %1.</source>
        <translation>%1 exportiert.</translation>
    </message>
</context>
<context>
    <name>mrp::Banner</name>
    <message>
        <location filename="../app/workbench/banner.cpp" line="+21"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>mrp::ChartsWidget</name>
    <message>
        <location filename="../app/workbench/chartswidget.cpp" line="+65"/>
        <source>Shard duration histogram</source>
        <translation>Histogramm der Shard-Dauern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput over time</source>
        <translation>Durchsatz über die Zeit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Histogram as PNG…</source>
        <translation>Histogramm als PNG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Throughput as PNG…</source>
        <translation>Durchsatz als PNG exportieren…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Shard durations</source>
        <translation>Shard-Dauern</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+26"/>
        <source>Shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Time in a sandbox in seconds (bucket start)</source>
        <translation>Zeit in der Sandbox in Sekunden (Beginn des Intervalls)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Time since start (s)</source>
        <translation>Zeit seit Start (s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Shards per second</source>
        <translation>Shards pro Sekunde</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>Export Plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
</context>
<context>
    <name>mrp::CodeEditor</name>
    <message>
        <location filename="../app/workbench/codeeditor.cpp" line="+248"/>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
</context>
<context>
    <name>mrp::Compiler</name>
    <message>
        <location filename="../model/job/compiler.cpp" line="+96"/>
        <source>%1 lies outside the job&apos;s folder %2</source>
        <translation>%1 liegt außerhalb des Job-Ordners %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 leads to %2, outside the job&apos;s folder %3</source>
        <translation>%1 führt zu %2, außerhalb des Job-Ordners %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A job reads only files in its own folder. Move the file there, or allow its folder with &apos;--allow-path FOLDER&apos; (recorded in the plan).</source>
        <translation>Ein Job liest nur Dateien in seinem eigenen Ordner. Verschieben Sie die Datei dorthin, oder erlauben Sie ihren Ordner mit &apos;--allow-path ORDNER&apos; (wird im Plan vermerkt).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot read the operator: %1</source>
        <translation>Der Operator kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name a Python file of at most 4 MiB; the path is relative to the job file&apos;s folder.</source>
        <translation>Nennen Sie eine Python-Datei von höchstens 4 MiB; der Pfad ist relativ zum Ordner der Job-Datei.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the operator file %1 is empty</source>
        <translation>Die Operator-Datei %1 ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the function &apos;%1&apos; in it, or point %2 at the file that has it.</source>
        <translation>Schreiben Sie die Funktion &apos;%1&apos; hinein, oder lassen Sie %2 auf die Datei zeigen, die sie enthält.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the operator holds a NUL byte: it is not Python source</source>
        <translation>Der Operator enthält ein NUL-Byte: Er ist kein Python-Quelltext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the operator is not UTF-8 text</source>
        <translation>Der Operator ist kein UTF-8-Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the operator as UTF-8 Python source; a binary or differently encoded file cannot run.</source>
        <translation>Speichern Sie den Operator als Python-Quelltext in UTF-8; eine Binärdatei oder eine anders kodierte Datei kann nicht laufen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Python syntax error: %1</source>
        <translation>Python-Syntaxfehler: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix the code here; the local Python interpreter compiled it (without running it) and stopped at this point.</source>
        <translation>Korrigieren Sie den Code an dieser Stelle; der lokale Python-Interpreter hat ihn kompiliert (ohne ihn auszuführen) und hier angehalten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the operator defines no top-level function &apos;%1&apos;</source>
        <translation>Der Operator definiert keine Funktion &apos;%1&apos; auf oberster Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;def %1(...)&apos; or set &apos;%2.entrypoint&apos; to the function to call.</source>
        <translation>Fügen Sie &apos;def %1(...)&apos; hinzu, oder setzen Sie &apos;%2.entrypoint&apos; auf die aufzurufende Funktion.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the program runner (:/mrp/runner/program.py) is missing from this build</source>
        <translation>Der Programm-Runner (:/mrp/runner/program.py) fehlt in diesem Build</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebuild or reinstall MRP Workbench.</source>
        <translation>Bauen Sie MRP Workbench neu, oder installieren Sie es erneut.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>the operator imports &apos;%1&apos;, which the &apos;%2&apos; profile blocks</source>
        <translation>Der Operator importiert &apos;%1&apos;, was das Profil &apos;%2&apos; sperrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the import, or run on a profile whose operator_policy allows it.</source>
        <translation>Entfernen Sie den Import, oder verwenden Sie ein Profil, dessen operator_policy ihn erlaubt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the operator imports &apos;%1&apos;, which is not in the &apos;%2&apos; profile&apos;s allowed_imports</source>
        <translation>Der Operator importiert &apos;%1&apos;, das nicht in den allowed_imports des Profils &apos;%2&apos; steht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use only allowed modules, or add it to operator_policy.allowed_imports in a user profile.</source>
        <translation>Verwenden Sie nur erlaubte Module, oder fügen Sie es in einem Benutzerprofil zu operator_policy.allowed_imports hinzu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the operator calls &apos;%1&apos;, which the &apos;%2&apos; profile blocks</source>
        <translation>Der Operator ruft &apos;%1&apos; auf, was das Profil &apos;%2&apos; sperrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewrite the operator without it, or use a profile whose operator_policy allows it.</source>
        <translation>Schreiben Sie den Operator ohne diesen Aufruf, oder verwenden Sie ein Profil, dessen operator_policy ihn erlaubt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the map operator writes files (&apos;%1&apos;): a cloud_sandbox map must be pure</source>
        <translation>Der Map-Operator schreibt Dateien (&apos;%1&apos;): Ein cloud_sandbox-Map muss rein sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return the data from map_shard instead; files are written by the &apos;produce:&apos; steps.</source>
        <translation>Geben Sie die Daten aus map_shard zurück; Dateien schreiben die &apos;produce:&apos;-Schritte.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+37"/>
        <source>Lower it, or use a profile whose security limits allow more.</source>
        <translation>Verringern Sie den Wert, oder verwenden Sie ein Profil, dessen Sicherheitsgrenzen mehr erlauben.</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>%1 CPUs exceed the sandbox limit of %2</source>
        <translation>%1 CPUs überschreiten die Sandbox-Grenze von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 GiB of memory exceed the sandbox limit of %2 GiB</source>
        <translation>%1 GiB Arbeitsspeicher überschreiten die Sandbox-Grenze von %2 GiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 GiB of disk exceed the sandbox limit of %2 GiB</source>
        <translation>%1 GiB Festplatte überschreiten die Sandbox-Grenze von %2 GiB</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the job asks for network access, but the &apos;%1&apos; profile&apos;s sandbox security profile (%2) allows none</source>
        <translation>Der Job verlangt Netzwerkzugriff, aber das Sandbox-Sicherheitsprofil (%2) des Profils &apos;%1&apos; erlaubt keinen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set &apos;network: none&apos;, or use a profile with &apos;security: { network: true }&apos;.</source>
        <translation>Setzen Sie &apos;network: none&apos;, oder verwenden Sie ein Profil mit &apos;security: { network: true }&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>network is &apos;allowlist&apos; but the allowlist is empty</source>
        <translation>network ist &apos;allowlist&apos;, aber die Allowlist ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the hosts the operator may reach, or set &apos;network: none&apos;.</source>
        <translation>Führen Sie die Hosts auf, die der Operator erreichen darf, oder setzen Sie &apos;network: none&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is not in the &apos;%2&apos; profile&apos;s egress allowlist (%3)</source>
        <translation>&apos;%1&apos; steht nicht in der Egress-Allowlist des Profils &apos;%2&apos; (%3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use only hosts from the profile&apos;s allowlist, or extend it in a user profile.</source>
        <translation>Verwenden Sie nur Hosts aus der Allowlist des Profils, oder erweitern Sie sie in einem Benutzerprofil.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 processes exceed the sandbox limit of %2</source>
        <translation>%1 Prozesse überschreiten die Sandbox-Grenze von %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a program may use %1 MiB, more than its sandbox has (%2 GiB)</source>
        <translation>Ein Programm darf %1 MiB belegen, mehr als seine Sandbox hat (%2 GiB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower memory_mib, or raise map.resources.memory_gib.</source>
        <translation>Verringern Sie memory_mib, oder erhöhen Sie map.resources.memory_gib.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pass_at_k groups by &apos;%1&apos;, but the program results do not carry it</source>
        <translation>pass_at_k gruppiert nach &apos;%1&apos;, aber die Programmergebnisse enthalten dieses Feld nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add it to &apos;map.program.keep&apos;, e.g. &apos;keep: [%1]&apos;.</source>
        <translation>Fügen Sie es zu &apos;map.program.keep&apos; hinzu, z. B. &apos;keep: [%1]&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a shard of %1 records may run for %2 s when every program times out, but a shard attempt may take %3 s</source>
        <translation>Ein Shard aus %1 Datensätzen kann %2 s laufen, wenn jedes Programm sein Zeitlimit erreicht, ein Shard-Versuch darf aber nur %3 s dauern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Raise policy.shard_timeout_s or lower dataset.shard_size.</source>
        <translation>Erhöhen Sie policy.shard_timeout_s oder verringern Sie dataset.shard_size.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>unknown backend &apos;%1&apos;</source>
        <translation>unbekanntes Backend &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use local or cloud_sandbox.</source>
        <translation>Verwenden Sie local oder cloud_sandbox.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the profile &apos;%1&apos; configures the %2 backend, but the job runs on %3</source>
        <translation>Das Profil &apos;%1&apos; konfiguriert das Backend %2, der Job läuft aber auf %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a %1 profile (e.g. &apos;%1&apos;) or change execution_backend.</source>
        <translation>Verwenden Sie ein %1-Profil (z. B. &apos;%1&apos;) oder ändern Sie execution_backend.</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+6"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a plan: %2</source>
        <translation>%1 ist kein Plan: %2</translation>
    </message>
    <message>
        <location filename="../model/job/pythonsyntax.cpp" line="+69"/>
        <source>the interpreter did not finish compiling the operator within %1 s</source>
        <translation>Der Interpreter hat den Operator nicht innerhalb von %1 s fertig kompiliert</translation>
    </message>
</context>
<context>
    <name>mrp::ConnectionCheck</name>
    <message>
        <location filename="../services/daytona/connectioncheck.cpp" line="+36"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reach API</source>
        <translation>API erreichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create sandbox</source>
        <translation>Sandbox anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run hello-world</source>
        <translation>hello-world ausführen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delete sandbox</source>
        <translation>Sandbox löschen</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>none set: run `mrp key set` or set DAYTONA_API_KEY</source>
        <translation>keiner gesetzt: Führen Sie `mrp key set` aus oder setzen Sie DAYTONA_API_KEY</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found (%1)</source>
        <translation>gefunden (%1)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n sandbox(es) of ours exist</source>
        <translation>
            <numerusform>%n eigene Sandbox vorhanden</numerusform>
            <numerusform>%n eigene Sandboxes vorhanden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>exit %1: %2</source>
        <translation>Exit-Code %1: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>gone (404 confirmed)</source>
        <translation>verschwunden (404 bestätigt)</translation>
    </message>
</context>
<context>
    <name>mrp::CsvExporter</name>
    <message>
        <location filename="../services/store/csvexporter.cpp" line="+96"/>
        <location line="+8"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::CsvReader</name>
    <message>
        <location filename="../model/data/csvreader.cpp" line="+439"/>
        <source>the record is larger than %1 MiB</source>
        <translation>Der Datensatz ist größer als %1 MiB</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a quoted field opened on line %1 is never closed</source>
        <translation>Ein in Zeile %1 geöffnetes Feld in Anführungszeichen wird nie geschlossen</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>a quote inside an unquoted field (quote the whole field and double the quote)</source>
        <translation>Ein Anführungszeichen in einem Feld ohne Anführungszeichen (setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie das Zeichen)</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>the field &apos;%1&apos; is not UTF-8 (byte 0x%2 at its position %3); save the file as UTF-8</source>
        <translation>Das Feld &apos;%1&apos; ist kein UTF-8 (Byte 0x%2 an seiner Stelle %3); speichern Sie die Datei als UTF-8</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>text after a closing quote (double the quote to write one inside a field)</source>
        <translation>Text nach einem schließenden Anführungszeichen (verdoppeln Sie das Zeichen, um eines in ein Feld zu schreiben)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the file is empty: a header row is required</source>
        <translation>Die Datei ist leer: Eine Kopfzeile ist erforderlich</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>bad header row: %1</source>
        <translation>fehlerhafte Kopfzeile: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the header row has an empty column name</source>
        <translation>Die Kopfzeile enthält einen leeren Spaltennamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the header row names the column &apos;%1&apos; twice</source>
        <translation>Die Kopfzeile nennt die Spalte &apos;%1&apos; zweimal</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>expected %1 fields (as in the header row), found %2</source>
        <translation>%1 Felder erwartet (wie in der Kopfzeile), %2 gefunden</translation>
    </message>
</context>
<context>
    <name>mrp::Dataset</name>
    <message>
        <location filename="../model/data/dataset.cpp" line="+171"/>
        <source>bad record: %1</source>
        <translation>fehlerhafter Datensatz: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bad record at byte %1: %2</source>
        <translation>fehlerhafter Datensatz bei Byte %1: %2</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>Fix the file; this error stops reading it.</source>
        <translation>Korrigieren Sie die Datei; dieser Fehler beendet das Lesen.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>cannot read the dataset file: %1</source>
        <translation>Die Datensatzdatei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../model/data/inputfile.cpp" line="+34"/>
        <source>%1 is a symbolic link to a file that does not exist</source>
        <translation>%1 ist eine symbolische Verknüpfung auf eine Datei, die nicht existiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a folder, not a file</source>
        <translation>%1 ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>%1 is not a regular file (it is a device, a pipe or a socket), so it cannot be read as a file</source>
        <translation>%1 ist keine normale Datei (sondern ein Gerät, eine Pipe oder ein Socket) und kann daher nicht als Datei gelesen werden</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+42"/>
        <source>%1 is larger than %2</source>
        <translation>%1 ist größer als %2</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+25"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../model/data/dataset.cpp" line="+1"/>
        <source>Point dataset.path at a regular file or a folder of them.</source>
        <translation>Lassen Sie dataset.path auf eine normale Datei oder einen Ordner mit solchen Dateien zeigen.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>the dataset does not exist</source>
        <translation>Der Datensatz existiert nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check dataset.path; it is relative to the job file&apos;s folder.</source>
        <translation>Prüfen Sie dataset.path; der Pfad ist relativ zum Ordner der Job-Datei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot tell the dataset&apos;s format from its name</source>
        <translation>Das Format des Datensatzes lässt sich nicht am Namen erkennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set dataset.format to jsonl, csv, json, folder or shards.</source>
        <translation>Setzen Sie dataset.format auf jsonl, csv, json, folder oder shards.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the format &apos;%1&apos; needs a folder, but this is a file</source>
        <translation>Das Format &apos;%1&apos; braucht einen Ordner, dies ist aber eine Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the format &apos;%1&apos; needs a file, but this is a folder</source>
        <translation>Das Format &apos;%1&apos; braucht eine Datei, dies ist aber ein Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix dataset.path or dataset.format.</source>
        <translation>Korrigieren Sie dataset.path oder dataset.format.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the folder holds no files to read: names starting with &apos;.&apos;, subfolders and anything that is not a regular file are skipped</source>
        <translation>Der Ordner enthält keine lesbaren Dateien: Namen, die mit &apos;.&apos; beginnen, Unterordner und alles, was keine normale Datei ist, werden übersprungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the folder is empty</source>
        <translation>Der Ordner ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the dataset&apos;s files directly in it (one record per file, or *.json shard files), or point dataset.path at a file.</source>
        <translation>Legen Sie die Dateien des Datensatzes direkt hinein (ein Datensatz pro Datei oder *.json-Shard-Dateien), oder lassen Sie dataset.path auf eine Datei zeigen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is a symbolic link to %2, outside the dataset folder</source>
        <translation>%1 ist eine symbolische Verknüpfung auf %2, außerhalb des Datensatzordners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the file into the dataset folder instead of linking to it.</source>
        <translation>Kopieren Sie die Datei in den Datensatzordner, statt auf sie zu verweisen.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Add records to it (for jsonl: one JSON value per line), or point dataset.path at a file or folder with data.</source>
        <translation>Fügen Sie Datensätze hinzu (bei jsonl: ein JSON-Wert pro Zeile), oder lassen Sie dataset.path auf eine Datei oder einen Ordner mit Daten zeigen.</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1 more bad records not listed</source>
        <translation>%1 weitere fehlerhafte Datensätze nicht aufgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 records are malformed</source>
        <translation>%1 von %2 Datensätzen sind fehlerhaft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix them, or set &apos;on_bad_record: skip&apos; to leave them out (they are listed in the plan).</source>
        <translation>Korrigieren Sie sie, oder setzen Sie &apos;on_bad_record: skip&apos;, um sie auszulassen (sie werden im Plan aufgeführt).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 malformed records skipped</source>
        <translation>%1 fehlerhafte Datensätze übersprungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the dataset has no records</source>
        <translation>Der Datensatz enthält keine Datensätze</translation>
    </message>
</context>
<context>
    <name>mrp::DatasetPage</name>
    <message>
        <location filename="../app/workbench/datasetpage.cpp" line="+48"/>
        <source>Dataset preview</source>
        <translation>Datensatzvorschau</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+203"/>
        <source>Drop a dataset file or folder here, or choose one.</source>
        <translation>Legen Sie hier eine Datensatzdatei oder einen Ordner ab, oder wählen Sie eine(n) aus.</translation>
    </message>
    <message>
        <location line="-200"/>
        <source>Choose F&amp;ile…</source>
        <translation>Da&amp;tei wählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose F&amp;older…</source>
        <translation>&amp;Ordner wählen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Records per shard</source>
        <translation>Datensätze pro Shard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sandboxes in parallel</source>
        <translation>Sandboxes parallel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated seconds per shard</source>
        <translation>Geschätzte Sekunden pro Shard</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Shard plan</source>
        <translation>Shard-Plan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bad-record warnings</source>
        <translation>Warnungen zu fehlerhaften Datensätzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No bad records found.</source>
        <translation>Keine fehlerhaften Datensätze gefunden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Records per &amp;shard:</source>
        <translation>Datensätze pro &amp;Shard:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandboxes in &amp;parallel:</source>
        <translation>Sandboxes &amp;parallel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Estimated time per shard:</source>
        <translation>&amp;Geschätzte Zeit pro Shard:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Warnings:</source>
        <translation>&amp;Warnungen:</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Choose Dataset File</source>
        <translation>Datensatzdatei wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets (*.jsonl *.ndjson *.csv *.json);;All files (*)</source>
        <translation>Datensätze (*.jsonl *.ndjson *.csv *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose Dataset Folder</source>
        <translation>Datensatzordner wählen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Set in Settings, which overrides the job&apos;s max_concurrency_map for every run.</source>
        <translation>In den Einstellungen festgelegt; das gilt für jeden Lauf statt max_concurrency_map des Jobs.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Dataset: %1</source>
        <translation>Datensatz: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading %1… %2 of %3 MiB</source>
        <translation>%1 wird gelesen… %2 von %3 MiB</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>%1:%2: skipped: %3</source>
        <translation>%1:%2: übersprungen: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1:%2: bad record: %3</source>
        <translation>%1:%2: fehlerhafter Datensatz: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No dataset yet.</source>
        <translation>Noch kein Datensatz.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not read the dataset: %1</source>
        <translation>Der Datensatz konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Format: %1. Previewing the first %n record(s).</source>
        <translation>
            <numerusform>Format: %1. Vorschau des ersten Datensatzes.</numerusform>
            <numerusform>Format: %1. Vorschau der ersten %n Datensätze.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Format: %1. %2 records in %3 shards.</source>
        <translation>Format: %1. %2 Datensätze in %3 Shards.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated time: %1 with %2 sandboxes in parallel.</source>
        <translation>Geschätzte Zeit: %1 mit %2 Sandboxes parallel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Estimated cost on Daytona: $%1 (free on the local backend).</source>
        <translation>Geschätzte Kosten bei Daytona: %1 $ (kostenlos mit dem lokalen Backend).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n bad record(s) will be skipped (on_bad_record: skip), see the warnings.</source>
        <translation>
            <numerusform>%n fehlerhafter Datensatz wird übersprungen (on_bad_record: skip), siehe die Warnungen.</numerusform>
            <numerusform>%n fehlerhafte Datensätze werden übersprungen (on_bad_record: skip), siehe die Warnungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n bad record(s): the job fails on them (on_bad_record: fail). Fix them, or set on_bad_record: skip to leave them out; see the warnings.</source>
        <translation>
            <numerusform>%n fehlerhafter Datensatz: Der Job scheitert daran (on_bad_record: fail). Beheben Sie ihn oder setzen Sie on_bad_record: skip, um ihn auszulassen; siehe die Warnungen.</numerusform>
            <numerusform>%n fehlerhafte Datensätze: Der Job scheitert daran (on_bad_record: fail). Beheben Sie sie oder setzen Sie on_bad_record: skip, um sie auszulassen; siehe die Warnungen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bad record(s) will be skipped or fail the job, see the warnings.</source>
        <translation type="vanished">
            <numerusform>%n fehlerhafter Datensatz wird übersprungen oder lässt den Job scheitern, siehe Warnungen.</numerusform>
            <numerusform>%n fehlerhafte Datensätze werden übersprungen oder lassen den Job scheitern, siehe Warnungen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>mrp::DatasetPreviewModel</name>
    <message>
        <location filename="../model/views/datasetpreviewmodel.cpp" line="+85"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>mrp::DaytonaBackend</name>
    <message>
        <location filename="../services/daytona/daytonabackend.cpp" line="+62"/>
        <source>Cancelled: the Daytona backend was closed.</source>
        <translation>Abgebrochen: Das Daytona-Backend wurde geschlossen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Daytona cloud sandbox at %1</source>
        <translation>Daytona-Cloud-Sandbox unter %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sandbox %1 is not known to this backend (create it first).</source>
        <translation>Die Sandbox %1 ist diesem Backend nicht bekannt (legen Sie sie zuerst an).</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>The sandbox has no toolbox URL.</source>
        <translation>Die Sandbox hat keine Toolbox-URL.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Sandbox %1 failed to start (%2): %3</source>
        <translation>Die Sandbox %1 konnte nicht starten (%2): %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Sandbox %1 did not start within %2 s (state %3).</source>
        <translation>Die Sandbox %1 ist nicht innerhalb von %2 s gestartet (Zustand %3).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not read the new sandbox&apos;s state: unexpected reply.</source>
        <translation>Der Zustand der neuen Sandbox konnte nicht gelesen werden: unerwartete Antwort.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+32"/>
        <source>Could not create a sandbox: unexpected reply.</source>
        <translation>Es konnte keine Sandbox angelegt werden: unerwartete Antwort.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>The new sandbox failed to start: %1</source>
        <translation>Die neue Sandbox ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The reply to its creation was unusable (%1), and deleting it failed: %2</source>
        <translation>Die Antwort auf das Anlegen war unbrauchbar (%1), und das Löschen ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>Could not run the command: unexpected reply.</source>
        <translation>Der Befehl konnte nicht ausgeführt werden: unerwartete Antwort.</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>Sandbox %1 was not gone %2 s after deleting it (state %3).</source>
        <translation>Die Sandbox %1 war %2 s nach dem Löschen noch vorhanden (Zustand %3).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not list sandboxes: unexpected reply.</source>
        <translation>Die Sandboxes konnten nicht aufgelistet werden: unerwartete Antwort.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../services/daytona/daytonabackend_session.cpp" line="+46"/>
        <source>Invalid environment variable name &quot;%1&quot;.</source>
        <translation>Ungültiger Name einer Umgebungsvariablen „%1“.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>The session command did not start.</source>
        <translation>Der Sitzungsbefehl wurde nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../services/daytona/daytonabackendfactory.cpp" line="+19"/>
        <source>No Daytona API key: cloud_sandbox runs need one. Set it with `mrp key set` (or the DAYTONA_API_KEY environment variable), or run with --backend local.</source>
        <translation>Kein Daytona-API-Schlüssel: cloud_sandbox-Läufe brauchen einen. Legen Sie ihn mit `mrp key set` (oder der Umgebungsvariablen DAYTONA_API_KEY) fest, oder starten Sie mit --backend local.</translation>
    </message>
</context>
<context>
    <name>mrp::DaytonaClient</name>
    <message>
        <location filename="../services/daytona/daytonaclient.cpp" line="+60"/>
        <source>The Daytona API URL cannot be used: %1</source>
        <translation>Die Daytona-API-URL ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Daytona API key is set. Set one with `mrp key set` or DAYTONA_API_KEY.</source>
        <translation>Es ist kein Daytona-API-Schlüssel gesetzt. Setzen Sie einen mit `mrp key set` oder DAYTONA_API_KEY.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>create a sandbox</source>
        <translation>eine Sandbox anzulegen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the state of sandbox %1</source>
        <translation>den Zustand der Sandbox %1 zu lesen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>delete sandbox %1</source>
        <translation>die Sandbox %1 zu löschen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>list sandboxes</source>
        <translation>die Sandboxes aufzulisten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>locate the toolbox of sandbox %1</source>
        <translation>die Toolbox der Sandbox %1 zu finden</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>run a command in sandbox %1</source>
        <translation>einen Befehl in der Sandbox %1 auszuführen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>open a session in sandbox %1</source>
        <translation>eine Sitzung in der Sandbox %1 zu öffnen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>start a command in sandbox %1</source>
        <translation>einen Befehl in der Sandbox %1 zu starten</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read a command&apos;s state in sandbox %1</source>
        <translation>den Zustand eines Befehls in der Sandbox %1 zu lesen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>read a command&apos;s output in sandbox %1</source>
        <translation>die Ausgabe eines Befehls in der Sandbox %1 zu lesen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>remove %1 in sandbox %2</source>
        <translation>%1 in Sandbox %2 entfernen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>close a session in sandbox %1</source>
        <translation>eine Sitzung in der Sandbox %1 zu schließen</translation>
    </message>
</context>
<context>
    <name>mrp::Digest</name>
    <message>
        <location filename="../model/data/digest.cpp" line="+84"/>
        <location line="+10"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::DownloadJob</name>
    <message>
        <location filename="../services/daytona/daytonajobs.cpp" line="+78"/>
        <source>download %1 from the sandbox</source>
        <translation>%1 aus der Sandbox herunterzuladen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Could not %1: the file is larger than %2 MiB, the most that may be downloaded; the transfer was stopped.</source>
        <translation>Es war nicht möglich, %1: Die Datei ist größer als %2 MiB, das Höchste, was heruntergeladen werden darf; die Übertragung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>mrp::HelpBrowser</name>
    <message>
        <location filename="../app/workbench/helpbrowser.cpp" line="+18"/>
        <location line="+11"/>
        <source>MRP Workbench Help</source>
        <translation>Hilfe zu MRP Workbench</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Help page</source>
        <translation>Hilfeseite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Getting Started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 — MRP Workbench Help</source>
        <translation>%1 — Hilfe zu MRP Workbench</translation>
    </message>
</context>
<context>
    <name>mrp::HistoryPage</name>
    <message>
        <location filename="../app/workbench/historypage.cpp" line="+60"/>
        <source>&amp;Open Run</source>
        <translation>Lauf &amp;öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Compare Two Runs</source>
        <translation>Zwei Läufe &amp;vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Run…</source>
        <translation>Lauf lö&amp;schen…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Past runs</source>
        <translation>Frühere Läufe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comparison of two runs</source>
        <translation>Vergleich zweier Läufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two runs and press Compare to see what changed.</source>
        <translation>Wählen Sie zwei Läufe und klicken Sie auf „Vergleichen“, um die Änderungen zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refre&amp;sh</source>
        <translation>Ak&amp;tualisieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete run %1 and its files? This cannot be undone.</source>
        <translation>Lauf %1 und seine Dateien löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Could not read the run store: %1</source>
        <translation>Der Laufspeicher konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Could not open the run: %1</source>
        <translation>Der Lauf konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Could not load both runs: %1</source>
        <translation>Die beiden Läufe konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Comparing %1 (earlier) with %2 (later):</source>
        <translation>Vergleich von %1 (früher) mit %2 (später):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pass@k (mean over groups):</source>
        <translation>pass@k (Mittelwert über die Gruppen):</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deleted run %1.</source>
        <translation>Lauf %1 gelöscht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not delete run %1: %2</source>
        <translation>Lauf %1 konnte nicht gelöscht werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::JobLoader</name>
    <message>
        <location filename="../model/job/jobloader.cpp" line="+96"/>
        <source>the job file is empty</source>
        <translation>Die Job-Datei ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start from examples/toy.yaml or docs/job-format.md.</source>
        <translation>Beginnen Sie mit examples/toy.yaml oder docs/job-format.md.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This key belongs under &apos;policy:&apos;.</source>
        <translation>Dieser Schlüssel gehört unter &apos;policy:&apos;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This key belongs under &apos;dataset:&apos;.</source>
        <translation>Dieser Schlüssel gehört unter &apos;dataset:&apos;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This key belongs under &apos;map:&apos;.</source>
        <translation>Dieser Schlüssel gehört unter &apos;map:&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the name is empty</source>
        <translation>Der Name ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the job a short name, e.g. &apos;word-count&apos;.</source>
        <translation>Geben Sie dem Job einen kurzen Namen, z. B. &apos;word-count&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is not a profile name</source>
        <translation>&apos;%1&apos; ist kein Profilname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a name such as &apos;local&apos; or &apos;daytona&apos; (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;).</source>
        <translation>Verwenden Sie einen Namen wie &apos;local&apos; oder &apos;daytona&apos; (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the required key &apos;dataset&apos; is missing</source>
        <translation>Der erforderliche Schlüssel &apos;dataset&apos; fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;dataset:&apos; with at least &apos;path:&apos;.</source>
        <translation>Fügen Sie &apos;dataset:&apos; mit mindestens &apos;path:&apos; hinzu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the required key &apos;map&apos; is missing</source>
        <translation>Der erforderliche Schlüssel &apos;map&apos; fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;map:&apos; with &apos;operator:&apos; (a Python file) or inline &apos;code:&apos;.</source>
        <translation>Fügen Sie &apos;map:&apos; mit &apos;operator:&apos; (einer Python-Datei) oder eingebettetem &apos;code:&apos; hinzu.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the path is empty</source>
        <translation>Der Pfad ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name a .jsonl, .csv or .json file or a folder, relative to the job file.</source>
        <translation>Nennen Sie eine .jsonl-, .csv- oder .json-Datei oder einen Ordner, relativ zur Job-Datei.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>both &apos;operator&apos; and &apos;code&apos; are given</source>
        <translation>Sowohl &apos;operator&apos; als auch &apos;code&apos; sind angegeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep one: a file with &apos;operator:&apos; or inline &apos;code:&apos;.</source>
        <translation>Behalten Sie eines: eine Datei mit &apos;operator:&apos; oder eingebetteten &apos;code:&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the operator path is empty</source>
        <translation>Der Operator-Pfad ist leer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name a Python file relative to the job file.</source>
        <translation>Nennen Sie eine Python-Datei relativ zur Job-Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the inline code is empty</source>
        <translation>Der eingebettete Code ist leer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no operator is given</source>
        <translation>Es ist kein Operator angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;operator: path/to/op.py&apos; or inline &apos;code: |&apos;.</source>
        <translation>Fügen Sie &apos;operator: pfad/zu/op.py&apos; oder eingebetteten &apos;code: |&apos; hinzu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is not a Python function name</source>
        <translation>&apos;%1&apos; ist kein Python-Funktionsname</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the name of a top-level def, e.g. &apos;%1&apos;.</source>
        <translation>Verwenden Sie den Namen eines def auf oberster Ebene, z. B. &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A map step cannot produce files: move it to the top-level &apos;produce:&apos; list.</source>
        <translation>Ein Map-Schritt kann keine Dateien erzeugen: Verschieben Sie ihn in die &apos;produce:&apos;-Liste auf oberster Ebene.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>This key belongs under &apos;program:&apos;.</source>
        <translation>Dieser Schlüssel gehört unter &apos;program:&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>both &apos;program&apos; and &apos;%1&apos; are given</source>
        <translation>Sowohl &apos;program&apos; als auch &apos;%1&apos; sind angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep one: &apos;program:&apos; runs one program per record, &apos;%1:&apos; names an operator.</source>
        <translation>Behalten Sie eines: &apos;program:&apos; führt ein Programm pro Datensatz aus, &apos;%1:&apos; nennt einen Operator.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Did you mean &apos;memory_gib&apos;?</source>
        <translation>Meinten Sie &apos;memory_gib&apos;?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Did you mean &apos;disk_gib&apos;?</source>
        <translation>Meinten Sie &apos;disk_gib&apos;?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Did you mean &apos;timeout_s&apos;?</source>
        <translation>Meinten Sie &apos;timeout_s&apos;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the program&apos;s memory in MiB: &apos;memory_mib&apos;.</source>
        <translation>Geben Sie den Arbeitsspeicher des Programms in MiB an: &apos;memory_mib&apos;.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Did you mean &apos;memory_mib&apos;?</source>
        <translation>Meinten Sie &apos;memory_mib&apos;?</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>a lone &apos;%1&apos; at character %2 of the template</source>
        <translation>Ein einzelnes &apos;%1&apos; bei Zeichen %2 der Vorlage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name a record field as &apos;{field}&apos; (letters, digits, &apos;_&apos;); write &apos;%1%1&apos; for a literal &apos;%1&apos;.</source>
        <translation>Nennen Sie ein Datensatzfeld als &apos;{feld}&apos; (Buchstaben, Ziffern, &apos;_&apos;); schreiben Sie &apos;%1%1&apos; für ein wörtliches &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the template is empty</source>
        <translation>Die Vorlage ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assemble the program from record fields, e.g. &apos;{prompt}{completion}&apos;.</source>
        <translation>Setzen Sie das Programm aus Datensatzfeldern zusammen, z. B. &apos;{prompt}{completion}&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the template names no record field: every record runs the same program</source>
        <translation>Die Vorlage nennt kein Datensatzfeld: Jeder Datensatz führt dasselbe Programm aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert record fields as &apos;{field}&apos;.</source>
        <translation>Fügen Sie Datensatzfelder als &apos;{feld}&apos; ein.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the field name is empty</source>
        <translation>Der Feldname ist leer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is a result field of its own</source>
        <translation>&apos;%1&apos; ist bereits ein eigenes Ergebnisfeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is listed twice</source>
        <translation>&apos;%1&apos; ist doppelt aufgeführt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name record fields to copy into each result, e.g. &apos;keep: [task_id]&apos;; not %1.</source>
        <translation>Nennen Sie Datensatzfelder, die in jedes Ergebnis kopiert werden, z. B. &apos;keep: [task_id]&apos;; nicht %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;%1&apos; cannot name the group field</source>
        <translation>&apos;%1&apos; kann nicht das Gruppenfeld sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the record field that identifies a problem, e.g. &apos;group_by: task_id&apos; (not n, correct or pass@…).</source>
        <translation>Nennen Sie das Datensatzfeld, das eine Aufgabe kennzeichnet, z. B. &apos;group_by: task_id&apos; (nicht n, correct oder pass@…).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write e.g. &apos;k: [1, 10, 100]&apos;: whole numbers from 1 up, ascending.</source>
        <translation>Schreiben Sie z. B. &apos;k: [1, 10, 100]&apos;: ganze Zahlen ab 1, aufsteigend.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>expected a non-empty list of whole numbers, got %1</source>
        <translation>Eine nicht leere Liste ganzer Zahlen erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected a whole number from 1 to 1000000, got %1</source>
        <translation>Eine ganze Zahl von 1 bis 1000000 erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the values of k must be strictly ascending</source>
        <translation>Die Werte von k müssen streng aufsteigend sein</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>both a builtin and an operator are given</source>
        <translation>Sowohl ein eingebauter Reducer als auch ein Operator sind angegeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep &apos;builtin:&apos; or &apos;operator:&apos;/&apos;code:&apos;, not both.</source>
        <translation>Behalten Sie &apos;builtin:&apos; oder &apos;operator:&apos;/&apos;code:&apos;, nicht beides.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no reducer is given</source>
        <translation>Es ist kein Reducer angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;builtin: %1&apos; or &apos;operator: path/to/reduce.py&apos;.</source>
        <translation>Fügen Sie &apos;builtin: %1&apos; oder &apos;operator: pfad/zu/reduce.py&apos; hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; applies to builtin reducers only</source>
        <translation>&apos;%1&apos; gilt nur für eingebaute Reducer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove it; a Python reducer receives every map output.</source>
        <translation>Entfernen Sie es; ein Python-Reducer erhält jede Map-Ausgabe.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; applies to operator reducers only</source>
        <translation>&apos;%1&apos; gilt nur für Operator-Reducer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove it, or replace &apos;builtin:&apos; with &apos;operator:&apos;.</source>
        <translation>Entfernen Sie es, oder ersetzen Sie &apos;builtin:&apos; durch &apos;operator:&apos;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; applies to the pass_at_k reducer only</source>
        <translation>&apos;%1&apos; gilt nur für den Reducer pass_at_k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove &apos;%1:&apos;.</source>
        <translation>Entfernen Sie &apos;%1:&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; takes no field</source>
        <translation>&apos;%1&apos; nimmt kein Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove &apos;field:&apos;.</source>
        <translation>Entfernen Sie &apos;field:&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the field is empty</source>
        <translation>Das Feld ist leer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>histogram needs &apos;field&apos;</source>
        <translation>histogram braucht &apos;field&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the numeric field to count, e.g. &apos;field: duration_ms&apos;.</source>
        <translation>Nennen Sie das zu zählende numerische Feld, z. B. &apos;field: duration_ms&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected at least two strictly ascending bin edges</source>
        <translation>Mindestens zwei streng aufsteigende Intervallgrenzen erwartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write e.g. &apos;bins: [0, 10, 100, 1000]&apos;.</source>
        <translation>Schreiben Sie z. B. &apos;bins: [0, 10, 100, 1000]&apos;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;bins&apos; applies to the histogram reducer only</source>
        <translation>&apos;bins&apos; gilt nur für den Reducer histogram</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove &apos;bins:&apos;.</source>
        <translation>Entfernen Sie &apos;bins:&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected a list of outputs, got %1</source>
        <translation>Eine Liste von Ausgaben erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write &apos;- { format: json, path: summary.json }&apos; items.</source>
        <translation>Schreiben Sie Einträge wie &apos;- { format: json, path: summary.json }&apos;.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;%1&apos; is not a path inside the run&apos;s output folder</source>
        <translation>&apos;%1&apos; ist kein Pfad im Ausgabeordner des Laufs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a relative path without &apos;..&apos;, e.g. &apos;report.csv&apos;.</source>
        <translation>Verwenden Sie einen relativen Pfad ohne &apos;..&apos;, z. B. &apos;report.csv&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is produced twice</source>
        <translation>&apos;%1&apos; wird zweimal erzeugt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give each output its own path.</source>
        <translation>Geben Sie jeder Ausgabe einen eigenen Pfad.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;columns&apos; applies to csv outputs only</source>
        <translation>&apos;columns&apos; gilt nur für CSV-Ausgaben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove &apos;columns:&apos;.</source>
        <translation>Entfernen Sie &apos;columns:&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the column list is empty</source>
        <translation>Die Spaltenliste ist leer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name the columns to write, e.g. [id, passed].</source>
        <translation>Nennen Sie die zu schreibenden Spalten, z. B. [id, passed].</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a csv output needs &apos;columns&apos;</source>
        <translation>Eine CSV-Ausgabe braucht &apos;columns&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the columns to write, in order, e.g. &apos;columns: [id, passed]&apos;.</source>
        <translation>Nennen Sie die zu schreibenden Spalten in ihrer Reihenfolge, z. B. &apos;columns: [id, passed]&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is not a dotted key</source>
        <translation>&apos;%1&apos; ist kein Punkt-Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write e.g. &apos;select: results&apos; or &apos;select: summary.by_category&apos;.</source>
        <translation>Schreiben Sie z. B. &apos;select: results&apos; oder &apos;select: summary.by_category&apos;.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&apos;%1&apos; is neither a domain name nor an IP address or CIDR</source>
        <translation>&apos;%1&apos; ist weder ein Domainname noch eine IP-Adresse oder ein CIDR-Bereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write e.g. &apos;pypi.org&apos;, &apos;*.example.com&apos; or &apos;10.0.0.0/8&apos;.</source>
        <translation>Schreiben Sie z. B. &apos;pypi.org&apos;, &apos;*.example.com&apos; oder &apos;10.0.0.0/8&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the allowlist is ignored because network is &apos;none&apos;</source>
        <translation>Die Allowlist wird ignoriert, weil network &apos;none&apos; ist</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set &apos;network: allowlist&apos; to use it.</source>
        <translation>Setzen Sie &apos;network: allowlist&apos;, um sie zu verwenden.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>cannot read the job file: %1</source>
        <translation>Die Job-Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name a job file (YAML, at most 4 MiB) that exists and that you may read.</source>
        <translation>Nennen Sie eine vorhandene Job-Datei (YAML, höchstens 4 MiB), die Sie lesen dürfen.</translation>
    </message>
</context>
<context>
    <name>mrp::JobPage</name>
    <message>
        <location filename="../app/workbench/jobpage.cpp" line="+55"/>
        <source>Job file editor</source>
        <translation>Editor für die Job-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map operator editor</source>
        <translation>Editor für den Map-Operator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems in the job</source>
        <translation>Probleme im Job</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>untitled job</source>
        <translation>unbenannter Job</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Job: %1 (modified)</source>
        <translation>&amp;Job: %1 (geändert)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Job: %1</source>
        <translation>&amp;Job: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>new, saved with the job</source>
        <translation>neu, wird mit dem Job gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator: %1 (modified)</source>
        <translation>&amp;Operator: %1 (geändert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Operator: %1</source>
        <translation>&amp;Operator: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pro&amp;blems: none</source>
        <translation>P&amp;robleme: keine</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Pro&amp;blems: %n</source>
        <translation>
            <numerusform>P&amp;robleme: %n</numerusform>
            <numerusform>P&amp;robleme: %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Could not open the job: %1</source>
        <translation>Der Job konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+16"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not write the sample dataset %1: %2</source>
        <translation>Der Beispieldatensatz %1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1:%2:%3</source>
        <translation>%1:%2:%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: warning: %2</source>
        <translation>%1: Warnung: %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: error: %2</source>
        <translation>%1: Fehler: %2</translation>
    </message>
</context>
<context>
    <name>mrp::JobTextEdit</name>
    <message>
        <location filename="../model/job/jobtextedit.cpp" line="+123"/>
        <source>The job file is not valid YAML (line %1): fix it first.</source>
        <translation>Die Job-Datei ist kein gültiges YAML (Zeile %1): Korrigieren Sie sie zuerst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The job file is not a mapping of keys: fix it first.</source>
        <translation>Die Job-Datei ist keine Zuordnung von Schlüsseln: Korrigieren Sie sie zuerst.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 is not a single value in the job file.</source>
        <translation>%1 ist in der Job-Datei kein einzelner Wert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not a mapping in the job file.</source>
        <translation>%1 ist in der Job-Datei keine Zuordnung.</translation>
    </message>
</context>
<context>
    <name>mrp::JsonArrayReader</name>
    <message>
        <location filename="../model/data/jsonarrayreader.cpp" line="+64"/>
        <source>the file is empty: expected a JSON array of records</source>
        <translation>Die Datei ist leer: Ein JSON-Array von Datensätzen wird erwartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expected a JSON array of records (&apos;[&apos; first)</source>
        <translation>Ein JSON-Array von Datensätzen wird erwartet (&apos;[&apos; zuerst)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unexpected &apos;%1&apos; after the array</source>
        <translation>unerwartetes &apos;%1&apos; nach dem Array</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+19"/>
        <source>the array is not closed: &apos;]&apos; is missing at the end of the file</source>
        <translation>Das Array ist nicht geschlossen: &apos;]&apos; fehlt am Dateiende</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>a value is missing before &apos;%1&apos;</source>
        <translation>Vor &apos;%1&apos; fehlt ein Wert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a record is larger than %1 MiB</source>
        <translation>Ein Datensatz ist größer als %1 MiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a string opened on line %1 is never closed</source>
        <translation>Eine in Zeile %1 geöffnete Zeichenkette wird nie geschlossen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>unbalanced &apos;}&apos;</source>
        <translation>unausgeglichene &apos;}&apos;</translation>
    </message>
</context>
<context>
    <name>mrp::JsonlReader</name>
    <message>
        <location filename="../model/data/jsonlreader.cpp" line="+41"/>
        <source>the line is longer than %1 MiB</source>
        <translation>Die Zeile ist länger als %1 MiB</translation>
    </message>
</context>
<context>
    <name>mrp::LocalBackend</name>
    <message>
        <location filename="../services/local/localbackendprivate.cpp" line="+200"/>
        <source>Bubblewrap does not work on this machine, and this profile requires isolation. Install bubblewrap or allow unprivileged user namespaces.</source>
        <translation>Bubblewrap funktioniert auf diesem Rechner nicht, und dieses Profil verlangt Isolation. Installieren Sie bubblewrap oder erlauben Sie unprivilegierte User-Namespaces.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Bubblewrap does not work on this machine, and this profile requires isolation.</source>
        <translation>Bubblewrap funktioniert auf diesem Rechner nicht, und dieses Profil verlangt Isolation.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to run: the command is empty.</source>
        <translation>Nichts auszuführen: Der Befehl ist leer.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The sandbox&apos;s memory and process budget (a cgroup) could not be made.</source>
        <translation>Das Speicher- und Prozessbudget der Sandbox (eine cgroup) konnte nicht angelegt werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+197"/>
        <source>Out of memory: the sandbox as a whole used more than %1 GiB; the kernel ended %n of its processes, and the rest were stopped.</source>
        <translation>
            <numerusform>Speicher erschöpft: Die Sandbox als Ganzes hat mehr als %1 GiB belegt; der Kernel hat %n ihrer Prozesse beendet, die übrigen wurden angehalten.</numerusform>
            <numerusform>Speicher erschöpft: Die Sandbox als Ganzes hat mehr als %1 GiB belegt; der Kernel hat %n ihrer Prozesse beendet, die übrigen wurden angehalten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Disk limit exceeded: the sandbox&apos;s work folder held more than %1 MiB (at least %2 MiB); the command was stopped.</source>
        <translation>Grenze für den Plattenplatz überschritten: Der Arbeitsordner der Sandbox enthielt mehr als %1 MiB (mindestens %2 MiB); der Befehl wurde angehalten.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not start %1 in the local sandbox.</source>
        <translation>%1 konnte in der lokalen Sandbox nicht gestartet werden.</translation>
    </message>
    <message>
        <location filename="../services/local/localbackend_p.h" line="+81"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The local sandbox %1 does not exist (it was destroyed or never created).</source>
        <translation>Die lokale Sandbox %1 existiert nicht (sie wurde gelöscht oder nie angelegt).</translation>
    </message>
    <message>
        <location filename="../services/local/localcommand.cpp" line="+269"/>
        <source>Refusing to run unisolated: the profile cuts the sandboxes off the network, and the local backend cannot isolate commands on this machine (%1). Install bubblewrap (Linux), use the cloud_sandbox backend, or allow unisolated runs explicitly: mrp run --allow-unisolated, or MRP_ALLOW_UNISOLATED=1 in the environment.</source>
        <translation>Ausführung ohne Isolation abgelehnt: Das Profil trennt die Sandboxen vom Netzwerk, und das lokale Backend kann Befehle auf diesem Rechner nicht isolieren (%1). Installieren Sie Bubblewrap (Linux), verwenden Sie das Backend cloud_sandbox oder erlauben Sie Läufe ohne Isolation ausdrücklich: mrp run --allow-unisolated oder MRP_ALLOW_UNISOLATED=1 in der Umgebung.</translation>
    </message>
    <message>
        <location filename="../services/local/localsandboxfiles.cpp" line="+185"/>
        <source>Could not create the local sandbox folder %1. Check that the folder is writable and the disk is not full.</source>
        <translation>Der lokale Sandbox-Ordner %1 konnte nicht angelegt werden. Prüfen Sie, ob der Ordner beschreibbar und die Festplatte nicht voll ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not hand the sandbox folder %1 to its unprivileged user.</source>
        <translation>Der Sandbox-Ordner %1 konnte nicht an seinen unprivilegierten Benutzer übergeben werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <location line="+104"/>
        <location line="+43"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>The work folder of sandbox %1 is gone.</source>
        <translation>Der Arbeitsordner der Sandbox %1 ist verschwunden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refusing to upload to %1: paths must stay inside the sandbox work folder.</source>
        <translation>Hochladen nach %1 verweigert: Pfade müssen im Arbeitsordner der Sandbox bleiben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not upload %1 into sandbox %2.</source>
        <translation>%1 konnte nicht in die Sandbox %2 hochgeladen werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not replace %1 in sandbox %2.</source>
        <translation>%1 konnte in der Sandbox %2 nicht ersetzt werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not upload %1 into sandbox %2: the file could not be copied.</source>
        <translation>%1 konnte nicht in die Sandbox %2 hochgeladen werden: Die Datei konnte nicht kopiert werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Refusing to download %1: paths must stay inside the sandbox work folder.</source>
        <translation>Herunterladen von %1 verweigert: Pfade müssen im Arbeitsordner der Sandbox bleiben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+8"/>
        <location line="+9"/>
        <source>Could not download %1 from sandbox %2: it is missing or not a plain file.</source>
        <translation>%1 konnte nicht aus der Sandbox %2 heruntergeladen werden: Die Datei fehlt oder ist keine normale Datei.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Could not read %1 in sandbox %2.</source>
        <translation>%1 in der Sandbox %2 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file %1 in sandbox %2 is larger than %3 MiB, the most that may be downloaded; it was not copied.</source>
        <translation>Die Datei %1 in Sandbox %2 ist größer als %3 MiB, das Höchste, was heruntergeladen werden darf; sie wurde nicht kopiert.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Could not copy %1 out of sandbox %2.</source>
        <translation>%1 konnte nicht aus der Sandbox %2 kopiert werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file %1 from sandbox %2 does not match its announced digest.</source>
        <translation>Die Datei %1 aus der Sandbox %2 passt nicht zu ihrem angekündigten Digest.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not empty the work folder of sandbox %1.</source>
        <translation>Der Arbeitsordner der Sandbox %1 konnte nicht geleert werden.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not delete the local sandbox folder %1.</source>
        <translation>Der lokale Sandbox-Ordner %1 konnte nicht gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>mrp::MainWindow</name>
    <message>
        <location filename="../app/workbench/mainwindow.cpp" line="+75"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+10"/>
        <source>Artifacts</source>
        <translation>Artefakte</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 page</source>
        <translation>Seite %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key status</source>
        <translation>Status des API-Schlüssels</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Could not change the job: %1</source>
        <translation>Der Job konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>A run is in progress: cancel it or wait for it to end before opening another.</source>
        <translation>Ein Lauf ist in Arbeit: Brechen Sie ihn ab oder warten Sie sein Ende ab, bevor Sie einen anderen öffnen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Run the shards of run %1 that have no output yet</source>
        <translation>Die Shards von Lauf %1 ausführen, die noch keine Ausgabe haben</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+51"/>
        <source>Resume a cancelled or failed run</source>
        <translation>Einen abgebrochenen oder fehlgeschlagenen Lauf fortsetzen</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>&amp;New Job</source>
        <translation>&amp;Neuer Job</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open Job…</source>
        <translation>Job ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Job</source>
        <translation>Job &amp;speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save Job &amp;As…</source>
        <translation>Job speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export Run as CSV…</source>
        <translation>Lauf als CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+33"/>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Run the job (F5)</source>
        <translation>Den Job ausführen (F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel Run</source>
        <translation>Lauf a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the run: stop dispatching and delete its sandboxes (Shift+F5)</source>
        <translation>Den Lauf abbrechen: keine Shards mehr verteilen und seine Sandboxes löschen (Umschalt+F5)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Res&amp;ume Run</source>
        <translation>Lauf &amp;fortsetzen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Job</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Dataset</source>
        <translation>Daten&amp;satz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Artifacts</source>
        <translation>Ar&amp;tefakte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom &amp;In on Timeline</source>
        <translation>Zeitleiste ver&amp;größern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom &amp;Out on Timeline</source>
        <translation>Zeitleiste ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the &amp;Whole Run</source>
        <translation>Den ganzen Lauf &amp;zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Getting Started</source>
        <translation>&amp;Erste Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;Job File</source>
        <translation>Die &amp;Job-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inside a &amp;Sandbox</source>
        <translation>In der &amp;Sandbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The &amp;Run Record</source>
        <translation>Das &amp;Laufprotokoll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running on &amp;Daytona</source>
        <translation>Ausführen auf &amp;Daytona</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Platforms</source>
        <translation>&amp;Plattformen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;About MRP Workbench</source>
        <translation>Ü&amp;ber MRP Workbench</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About MRP Workbench</source>
        <translation>Über MRP Workbench</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MRP Workbench %1
Runs map/reduce/produce evaluation batches in sandboxes.</source>
        <translation>MRP Workbench %1
Führt Map/Reduce/Produce-Auswertungsläufe in Sandboxes aus.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Backend: Daytona (profile %1)</source>
        <translation>Backend: Daytona (Profil %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backend: local sandboxes</source>
        <translation>Backend: lokale Sandboxes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backend: as the job says</source>
        <translation>Backend: wie im Job angegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API key: set</source>
        <translation>API-Schlüssel: gesetzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>API key: not set</source>
        <translation>API-Schlüssel: nicht gesetzt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Untitled job</source>
        <translation>Unbenannter Job</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1[*] — MRP Workbench</source>
        <translation>%1[*] — MRP Workbench</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1[*] — run %2 — MRP Workbench</source>
        <translation>%1[*] — Lauf %2 — MRP Workbench</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+92"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>The job has unsaved changes. Save them?</source>
        <translation>Der Job hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Open Job</source>
        <translation>Job öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job files (*.yaml *.yml);;All files (*)</source>
        <translation>Job-Dateien (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+30"/>
        <source>Save Job</source>
        <translation>Job speichern</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save Job As</source>
        <translation>Job speichern unter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Job files (*.yaml *.yml)</source>
        <translation>Job-Dateien (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Save the New Job Before Running</source>
        <translation>Neuen Job vor dem Ausführen speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The job has unsaved changes. A run uses the saved files: save the changes and run?</source>
        <translation>Der Job hat ungespeicherte Änderungen. Ein Lauf verwendet die gespeicherten Dateien: Änderungen speichern und ausführen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save and Run</source>
        <translation>&amp;Speichern und ausführen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+11"/>
        <source>The run could not start.</source>
        <translation>Der Lauf konnte nicht starten.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Cancelling the run; the window closes once its record is written…</source>
        <translation>Der Lauf wird abgebrochen; das Fenster schließt sich, sobald sein Protokoll geschrieben ist…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Quit Without Waiting</source>
        <translation>Beenden ohne zu warten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run is still being cancelled: its sandboxes are being deleted. Quit now anyway? The run then stays recorded as interrupted (resume it later), and sandboxes still alive are removed by the next run or by `mrp sweep`.</source>
        <translation>Der Lauf wird noch abgebrochen: Seine Sandboxes werden gelöscht. Trotzdem jetzt beenden? Der Lauf bleibt dann als unterbrochen verzeichnet (später fortsetzen), und noch lebende Sandboxes entfernt der nächste Lauf oder `mrp sweep`.</translation>
    </message>
    <message>
        <source>Export Run as CSV</source>
        <translation type="vanished">Lauf als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Run in Progress</source>
        <translation>Lauf in Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run is in progress. Cancel it and quit? Its sandboxes are deleted.</source>
        <translation>Ein Lauf ist in Arbeit. Abbrechen und beenden? Seine Sandboxes werden gelöscht.</translation>
    </message>
</context>
<context>
    <name>mrp::MemorySecretStore</name>
    <message>
        <location filename="../services/secrets/memorysecretstore.cpp" line="+22"/>
        <location line="+10"/>
        <location line="+8"/>
        <source>The secret store failed.</source>
        <translation>Der Geheimnisspeicher ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>in memory, for this session only</source>
        <translation>im Arbeitsspeicher, nur für diese Sitzung</translation>
    </message>
</context>
<context>
    <name>mrp::Packager</name>
    <message>
        <location filename="../services/sandbox/packager.cpp" line="+113"/>
        <source>Could not package shard %1: %2</source>
        <translation>Shard %1 konnte nicht verpackt werden: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not package the reducer: %1</source>
        <translation>Der Reducer konnte nicht verpackt werden: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the runner stub (:/mrp/runner/runner.py) is missing from this build.</source>
        <translation>Der Runner-Stub (:/mrp/runner/runner.py) fehlt in diesem Build.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the operator has no code.</source>
        <translation>Der Operator hat keinen Code.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>operators in %1 are not supported; use Python.</source>
        <translation>Operatoren in %1 werden nicht unterstützt; verwenden Sie Python.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the data file %1 is missing; compile the job again.</source>
        <translation>Die Datendatei %1 fehlt; kompilieren Sie den Job erneut.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the package folder %1 cannot be created.</source>
        <translation>Der Paketordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the package folder %1 is not writable.</source>
        <translation>Der Paketordner %1 ist nicht beschreibbar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>writing into %1 failed; check the free disk space.</source>
        <translation>Schreiben in %1 ist fehlgeschlagen; prüfen Sie den freien Speicherplatz.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the data file %1 could not be copied into the package.</source>
        <translation>Die Datendatei %1 konnte nicht in das Paket kopiert werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the data file %1 changed since the job was compiled (SHA-256 %2, expected %3); compile the job again.</source>
        <translation>Die Datendatei %1 hat sich seit dem Kompilieren des Jobs geändert (SHA-256 %2, erwartet %3); kompilieren Sie den Job erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the package %1 could not be moved into place.</source>
        <translation>Das Paket %1 konnte nicht an seinen Platz verschoben werden.</translation>
    </message>
</context>
<context>
    <name>mrp::Plan</name>
    <message>
        <location filename="../model/job/plan.cpp" line="+293"/>
        <source>unsupported plan schema version %1</source>
        <translation>nicht unterstützte Schemaversion %1 des Plans</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the plan lacks its ir, manifest or policy section</source>
        <translation>Dem Plan fehlt der Abschnitt ir, manifest oder policy</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>shard %1 of the plan is malformed</source>
        <translation>Shard %1 des Plans ist fehlerhaft</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the plan&apos;s digest does not match its content (the plan was edited or is damaged)</source>
        <translation>Der Digest des Plans passt nicht zu seinem Inhalt (der Plan wurde bearbeitet oder ist beschädigt)</translation>
    </message>
</context>
<context>
    <name>mrp::Producer</name>
    <message>
        <location filename="../services/run/producer.cpp" line="+38"/>
        <source>A produce step has an empty path.</source>
        <translation>Ein Produce-Schritt hat einen leeren Pfad.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Produce path &quot;%1&quot; is absolute; outputs are written only inside the run&apos;s output folder. Use a relative path such as &quot;report.csv&quot;.</source>
        <translation>Der Produce-Pfad „%1“ ist absolut; Ausgaben werden nur in den Ausgabeordner des Laufs geschrieben. Verwenden Sie einen relativen Pfad wie „report.csv“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Produce path &quot;%1&quot; leaves the run&apos;s output folder (&quot;..&quot;). Use a path below it.</source>
        <translation>Der Produce-Pfad „%1“ verlässt den Ausgabeordner des Laufs („..“). Verwenden Sie einen Pfad darunter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run&apos;s output folder %1 is a symbolic link to %2; outputs are written only into the run&apos;s own folder. Remove the link, then resume the run.</source>
        <translation>Der Ausgabeordner %1 des Laufs ist eine symbolische Verknüpfung auf %2; Ausgaben werden nur in den eigenen Ordner des Laufs geschrieben. Entfernen Sie die Verknüpfung und setzen Sie dann den Lauf fort.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The run&apos;s output folder %1 does not exist.</source>
        <translation>Der Ausgabeordner %1 des Laufs existiert nicht.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Produce path &quot;%1&quot; goes through a symbolic link (%2); outputs are written only inside the run&apos;s output folder.</source>
        <translation>Der Produce-Pfad „%1“ führt über eine symbolische Verknüpfung (%2); Ausgaben werden nur in den Ausgabeordner des Laufs geschrieben.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>select: the reduced value has no &quot;%1&quot;. Check the produce step&apos;s select against the reducer&apos;s output (run.json names its digest; `mrp show` prints it).</source>
        <translation>select: Der reduzierte Wert hat kein „%1“. Prüfen Sie das select des Produce-Schritts gegen die Ausgabe des Reducers (run.json nennt ihren Digest; `mrp show` gibt sie aus).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>csv needs a list of objects, but an element is %1.</source>
        <translation>csv braucht eine Liste von Objekten, aber ein Element ist %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>csv writes an object as key/value rows, but &quot;%1&quot; holds an object. Use select to pick a flat part, or produce json.</source>
        <translation>csv schreibt ein Objekt als Schlüssel/Wert-Zeilen, aber „%1“ enthält ein Objekt. Wählen Sie mit select einen flachen Teil aus, oder erzeugen Sie json.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>csv needs a list of objects or an object of values, not %1.</source>
        <translation>csv braucht eine Liste von Objekten oder ein Objekt aus Werten, nicht %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>jsonl needs a list; the value is %1. Use select to pick a list, or produce json.</source>
        <translation>jsonl braucht eine Liste; der Wert ist %1. Wählen Sie mit select eine Liste aus, oder erzeugen Sie json.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cannot create the run&apos;s output folder %1.</source>
        <translation>Der Ausgabeordner %1 des Laufs kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Two produce steps write the same file &quot;%1&quot;.</source>
        <translation>Zwei Produce-Schritte schreiben dieselbe Datei „%1“.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unknown produce format &quot;%1&quot;. Use csv, json or jsonl.</source>
        <translation>Unbekanntes Produce-Format „%1“. Verwenden Sie csv, json oder jsonl.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Produce step %1 (%2): %3</source>
        <translation>Produce-Schritt %1 (%2): %3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::ProfileLoader</name>
    <message>
        <location filename="../model/job/profileloader.cpp" line="+167"/>
        <source>&apos;%1&apos; is neither a domain name nor an IP address or CIDR</source>
        <translation>&apos;%1&apos; ist weder ein Domainname noch eine IP-Adresse oder ein CIDR-Bereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write e.g. &apos;pypi.org&apos;, &apos;*.example.com&apos; or &apos;10.0.0.0/8&apos;.</source>
        <translation>Schreiben Sie z. B. &apos;pypi.org&apos;, &apos;*.example.com&apos; oder &apos;10.0.0.0/8&apos;.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&apos;%1&apos; is not a profile name</source>
        <translation>&apos;%1&apos; ist kein Profilname</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a name such as &apos;local&apos; or &apos;daytona&apos; (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;).</source>
        <translation>Verwenden Sie einen Namen wie &apos;local&apos; oder &apos;daytona&apos; (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>there is no profile named &apos;%1&apos;</source>
        <translation>Es gibt kein Profil namens &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use one of %1, or create %2.</source>
        <translation>Verwenden Sie eines von %1, oder legen Sie %2 an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Did you mean &apos;%1&apos;?</source>
        <translation>Meinten Sie &apos;%1&apos;?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot read the profile: %1</source>
        <translation>Das Profil kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A profile is a YAML file of at most 1 MiB; fix or remove it.</source>
        <translation>Ein Profil ist eine YAML-Datei von höchstens 1 MiB; korrigieren oder entfernen Sie es.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the profile does not say which backend it configures</source>
        <translation>Das Profil gibt nicht an, welches Backend es konfiguriert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;backend: local&apos; or &apos;backend: daytona&apos;.</source>
        <translation>Fügen Sie &apos;backend: local&apos; oder &apos;backend: daytona&apos; hinzu.</translation>
    </message>
</context>
<context>
    <name>mrp::QtKeychainSecretStore</name>
    <message>
        <location filename="../services/secrets/qtkeychainsecretstore.cpp" line="+37"/>
        <source>in memory, for this session only (no keychain is available)</source>
        <translation>im Arbeitsspeicher, nur für diese Sitzung (kein Schlüsselbund verfügbar)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in the system keychain</source>
        <translation>im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No keychain is available on this system: the key is kept in memory for this session only. Set DAYTONA_API_KEY to use a key without a keychain.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar: Der Schlüssel wird nur für diese Sitzung im Arbeitsspeicher gehalten. Setzen Sie DAYTONA_API_KEY, um einen Schlüssel ohne Schlüsselbund zu verwenden.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Access to the keychain was denied. Allow access and try again.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert. Erlauben Sie den Zugriff und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The keychain reported an error: %1</source>
        <translation>Der Schlüsselbund hat einen Fehler gemeldet: %1</translation>
    </message>
</context>
<context>
    <name>mrp::RecordReader</name>
    <message>
        <location filename="../model/data/datasetreader.cpp" line="+60"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>a lone surrogate escape &apos;%1&apos; at byte %2 of the record: it is not a character, and reading it would change the data</source>
        <translation>Eine einzelne Surrogat-Escape-Sequenz &apos;%1&apos; bei Byte %2 des Datensatzes: Sie ist kein Zeichen, und das Lesen würde die Daten verändern</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+20"/>
        <source>invalid JSON at byte %1 of the record: %2</source>
        <translation>ungültiges JSON bei Byte %1 des Datensatzes: %2</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>expected exactly one JSON value</source>
        <translation>Genau ein JSON-Wert erwartet</translation>
    </message>
</context>
<context>
    <name>mrp::Reducer</name>
    <message>
        <location filename="../services/run/reducer.cpp" line="+90"/>
        <source>Reducer %1 needs numbers, but the output of shard %2 holds %3. Return numbers from the map operator, or name the numeric field with reduce.field.</source>
        <translation>Der Reducer %1 braucht Zahlen, aber die Ausgabe von Shard %2 enthält %3. Geben Sie aus dem Map-Operator Zahlen zurück, oder nennen Sie das numerische Feld mit reduce.field.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>cannot merge %1 with %2 at &quot;%3&quot;</source>
        <translation>%1 kann nicht mit %2 bei „%3“ zusammengeführt werden</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reducer pass_at_k: &apos;group_by&apos; and &apos;k&apos; are required.</source>
        <translation>Reducer pass_at_k: &apos;group_by&apos; und &apos;k&apos; sind erforderlich.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>an item of shard %1 (%2)</source>
        <translation>ein Element von Shard %1 (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reducer pass_at_k: %1 has no text or number &apos;%2&apos; to group by.</source>
        <translation>Reducer pass_at_k: %1 hat kein Text- oder Zahlenfeld &apos;%2&apos; zum Gruppieren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reducer pass_at_k: %1 has no true/false &apos;%2&apos;.</source>
        <translation>Reducer pass_at_k: %1 hat kein true/false-Feld &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>n/a</source>
        <translation>n. v.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 over %2 groups (%3 of %4 samples passed)</source>
        <translation>%1 über %2 Gruppen (%3 von %4 Samples bestanden)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Reducer merge_counts: the output of shard %1: %2.</source>
        <translation>Reducer merge_counts: die Ausgabe von Shard %1: %2.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reducer histogram: bins must be strictly ascending numbers.</source>
        <translation>Reducer histogram: bins müssen streng aufsteigende Zahlen sein.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reducer histogram: bins needs at least two edges.</source>
        <translation>Reducer histogram: bins braucht mindestens zwei Grenzen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Unknown built-in reducer &quot;%1&quot;. Use one of concat, sum, count, mean, min, max, merge_counts, histogram, pass_at_k.</source>
        <translation>Unbekannter eingebauter Reducer „%1“. Verwenden Sie concat, sum, count, mean, min, max, merge_counts, histogram oder pass_at_k.</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+66"/>
        <source>Output of shard %1 cannot be read: %2</source>
        <translation>Die Ausgabe von Shard %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+73"/>
        <source>Output of shard %1 does not match its digest %2.</source>
        <translation>Die Ausgabe von Shard %1 passt nicht zu ihrem Digest %2.</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Output of shard %1 is not JSON: %2</source>
        <translation>Die Ausgabe von Shard %1 ist kein JSON: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The values of &quot;%1&quot; in the map outputs hold more than %2 MiB together; reduce reads at most %2 MiB. Return smaller values from the map operator.</source>
        <translation>Die Werte von &quot;%1&quot; in den Map-Ausgaben umfassen zusammen mehr als %2 MiB; Reduce liest höchstens %2 MiB. Geben Sie kleinere Werte aus dem Map-Operator zurück.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+4"/>
        <source>Cannot write the reduce inputs to %1: %2</source>
        <translation>Die Reduce-Eingaben können nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Output of shard %1 cannot be read: artifact %2 is missing from the store.</source>
        <translation>Die Ausgabe von Shard %1 kann nicht gelesen werden: Artefakt %2 fehlt im Speicher.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The runner stub is missing from this build.</source>
        <translation>Der Runner-Stub fehlt in diesem Build.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write the reduce package into %1.</source>
        <translation>Das Reduce-Paket kann nicht in %1 geschrieben werden.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not create the local sandbox for the reducer: %1</source>
        <translation>Die lokale Sandbox für den Reducer konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not upload the reduce package: %1</source>
        <translation>Das Reduce-Paket konnte nicht hochgeladen werden: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The reducer could not run: %1</source>
        <translation>Der Reducer konnte nicht laufen: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The reducer failed (exit %1): %2</source>
        <translation>Der Reducer ist fehlgeschlagen (Exit-Code %1): %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The reducer&apos;s output was refused unread: a reducer may return at most %1 MiB.</source>
        <translation>Die Ausgabe des Reducers wurde ungelesen abgelehnt: Ein Reducer darf höchstens %1 MiB zurückgeben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not download the reducer&apos;s output: %1</source>
        <translation>Die Ausgabe des Reducers konnte nicht heruntergeladen werden: %1</translation>
    </message>
    <message>
        <source>The reducer&apos;s output is %1 MiB; a reducer may return at most %2 MiB.</source>
        <translation type="vanished">Die Ausgabe des Reducers ist %1 MiB groß; ein Reducer darf höchstens %2 MiB zurückgeben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The reducer&apos;s output is not JSON.</source>
        <translation>Die Ausgabe des Reducers ist kein JSON.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reduce cancelled.</source>
        <translation>Reduce abgebrochen.</translation>
    </message>
</context>
<context>
    <name>mrp::RunComparison</name>
    <message>
        <location filename="../app/workbench/runcomparison.cpp" line="+23"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The job file changed (digest %1 → %2).</source>
        <translation>Die Job-Datei hat sich geändert (Digest %1 → %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The map operator code changed (digest %1 → %2).</source>
        <translation>Der Code des Map-Operators hat sich geändert (Digest %1 → %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The plan changed (digest %1 → %2): data, parameters or code.</source>
        <translation>Der Plan hat sich geändert (Digest %1 → %2): Daten, Parameter oder Code.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backend changed from %1 to %2.</source>
        <translation>Das Backend hat sich von %1 zu %2 geändert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile changed from %1 to %2.</source>
        <translation>Das Profil hat sich von %1 zu %2 geändert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reduced result changed (digest %1 → %2).</source>
        <translation>Das reduzierte Ergebnis hat sich geändert (Digest %1 → %2).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The data changed: %1 shard(s) only in the first run, %2 only in the second.</source>
        <translation>Die Daten haben sich geändert: %1 Shard(s) nur im ersten Lauf, %2 nur im zweiten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Same job, code, plan and backend.</source>
        <translation>Gleicher Job, Code, Plan und gleiches Backend.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 shard(s) have the same output, %2 differ.</source>
        <translation>%1 Shard(s) haben dieselbe Ausgabe, %2 unterscheiden sich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shards whose output differs: %1</source>
        <translation>Shards mit unterschiedlicher Ausgabe: %1</translation>
    </message>
</context>
<context>
    <name>mrp::RunEngine</name>
    <message>
        <location filename="../services/run/runengine.cpp" line="+183"/>
        <source>There is no run &quot;%1&quot; to resume in %2 (or the prefix is ambiguous). List runs with `mrp runs`.</source>
        <translation>In %2 gibt es keinen Lauf „%1“ zum Fortsetzen (oder das Präfix ist mehrdeutig). `mrp runs` listet die Läufe auf.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run %1 already finished successfully; nothing to resume.</source>
        <translation>Lauf %1 wurde bereits erfolgreich abgeschlossen; es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Cancelled while compiling.</source>
        <translation>Beim Kompilieren abgebrochen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The job, its data or its operator changed since run %1 started, so it cannot be resumed. Start a new run instead.</source>
        <translation>Der Job, seine Daten oder sein Operator haben sich seit dem Start von Lauf %1 geändert, daher kann er nicht fortgesetzt werden. Starten Sie stattdessen einen neuen Lauf.</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+40"/>
        <location line="+214"/>
        <source>Cancelled before any shard started.</source>
        <translation>Abgebrochen, bevor ein Shard gestartet wurde.</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Run %1 is being run by %2. Wait for it to finish or cancel it there.</source>
        <translation>Lauf %1 wird gerade von %2 ausgeführt. Warten Sie, bis er fertig ist, oder brechen Sie ihn dort ab.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No sandbox was created. `mrp doctor` checks the connection.</source>
        <translation>Es wurde keine Sandbox angelegt. `mrp doctor` prüft die Verbindung.</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>The stored output&apos;s digest differs from the downloaded one.</source>
        <translation>Der Digest der gespeicherten Ausgabe weicht vom heruntergeladenen ab.</translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2 shards done; every sandbox was destroyed. Resume with `mrp run --resume %3`.</source>
        <translation type="vanished">Abgebrochen: %1 von %2 Shards fertig; alle Sandboxes wurden gelöscht. Fortsetzen mit `mrp run --resume %3`.</translation>
    </message>
    <message>
        <location filename="../services/run/runengine_finish.cpp" line="+94"/>
        <source>Resume it with Run ▸ Resume Run in the workbench or `mrp run --resume %1`.</source>
        <translation>Fortsetzen mit Lauf ▸ Lauf fortsetzen in der Workbench oder mit `mrp run --resume %1`.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cancelled: %1 of %2 shards done; every sandbox was destroyed.</source>
        <translation>Abgebrochen: %1 von %2 Shards fertig; alle Sandboxes wurden gelöscht.</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n shard(s) failed; reduce and produce were skipped. </source>
        <translation>
            <numerusform>%n Shard ist fehlgeschlagen; Reduce und Produce wurden übersprungen. </numerusform>
            <numerusform>%n Shards sind fehlgeschlagen; Reduce und Produce wurden übersprungen. </numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The map outputs hold %1 MiB together; reduce reads at most %2 MiB. Return smaller summaries from the map operator.</source>
        <translation>Die Map-Ausgaben umfassen zusammen %1 MiB; Reduce liest höchstens %2 MiB. Geben Sie aus dem Map-Operator kleinere Zusammenfassungen zurück.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cancelled before reduce.</source>
        <translation>Vor dem Reduce abgebrochen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cancelled during reduce.</source>
        <translation>Während des Reduce abgebrochen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reduce failed: %1</source>
        <translation>Reduce fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>mrp::RunEvent</name>
    <message>
        <location filename="../model/record/runevent.cpp" line="+23"/>
        <source>compile: %1</source>
        <translation>Kompilieren: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>compiling %1</source>
        <translation>%1 wird kompiliert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daytona API key from the environment (DAYTONA_API_KEY)</source>
        <translation>Daytona-API-Schlüssel aus der Umgebung (DAYTONA_API_KEY)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daytona API key from the keychain</source>
        <translation>Daytona-API-Schlüssel aus dem Schlüsselbund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daytona API key kept in memory for this session</source>
        <translation>Daytona-API-Schlüssel nur im Arbeitsspeicher, für diese Sitzung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep before the run: could not list sandboxes: %1</source>
        <translation>Aufräumen vor dem Lauf: Die Sandboxes konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep after the map phase: could not list sandboxes: %1</source>
        <translation>Aufräumen nach der Map-Phase: Die Sandboxes konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep before the run: sandbox %1 of run %2, shard %3 (%4, created %5): %6</source>
        <translation>Aufräumen vor dem Lauf: Sandbox %1 von Lauf %2, Shard %3 (%4, erstellt %5): %6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep after the map phase: sandbox %1 of run %2, shard %3 (%4, created %5): %6</source>
        <translation>Aufräumen nach der Map-Phase: Sandbox %1 von Lauf %2, Shard %3 (%4, erstellt %5): %6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning: plan files not written: %1</source>
        <translation>Warnung: Die Plandateien wurden nicht geschrieben: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WARNING: shards run UNISOLATED: %1</source>
        <translation>WARNUNG: Die Shards laufen OHNE ISOLATION: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1 started: %2 shards on %3 (%4)</source>
        <translation>Lauf %1 gestartet: %2 Shards auf %3 (%4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resuming run %1: %2 of %3 shards already done</source>
        <translation>Lauf %1 wird fortgesetzt: %2 von %3 Shards sind bereits fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancel requested</source>
        <translation>Abbruch angefordert</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>cancel requested: stopping dispatch, cancelling %n attempt(s) in flight</source>
        <translation>
            <numerusform>Abbruch angefordert: keine neuen Shards, %n laufender Versuch wird abgebrochen</numerusform>
            <numerusform>Abbruch angefordert: keine neuen Shards, %n laufende Versuche werden abgebrochen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: attempt %2 dispatched (slot %3)</source>
        <translation>%1: Versuch %2 gestartet (Platz %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: attempt %2 (backup) dispatched (slot %3)</source>
        <translation>%1: Versuch %2 (Reserve) gestartet (Platz %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: attempt %2 ok in %3 ms (output %4)</source>
        <translation>%1: Versuch %2 erfolgreich in %3 ms (Ausgabe %4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: attempt %2 failed: %3: %4</source>
        <translation>%1: Versuch %2 fehlgeschlagen: %3: %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: retry %2 of %3 in %4 ms</source>
        <translation>%1: Wiederholung %2 von %3 in %4 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no sandbox within the quota (%2); queued again at concurrency %3</source>
        <translation>%1: keine Sandbox im Kontingent (%2); erneut eingereiht, Parallelität jetzt %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>concurrency now %1 of %2: %3</source>
        <translation>Parallelität jetzt %1 von %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: straggler (running &gt; %2 ms, median %3 ms): starting a backup attempt</source>
        <translation>%1: Nachzügler (läuft &gt; %2 ms, Median %3 ms): Ein Reserveversuch wird gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sandbox %1 could not be destroyed: %2 (left for `mrp sweep`)</source>
        <translation>Sandbox %1 konnte nicht gelöscht werden: %2 (bleibt für `mrp sweep`)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sandbox %1 could not be confirmed gone: %2 (left for `mrp sweep`)</source>
        <translation>Die Löschung von Sandbox %1 ist nicht bestätigt: %2 (bleibt für `mrp sweep`)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning: cannot write run.json: %1</source>
        <translation>Warnung: run.json kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reducing %1 outputs (%2)</source>
        <translation>Reduce über %1 Ausgaben (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reduce ok: %1</source>
        <translation>Reduce erfolgreich: %1</translation>
    </message>
</context>
<context>
    <name>mrp::RunHistoryModel</name>
    <message>
        <location filename="../model/views/runhistorymodel.cpp" line="+40"/>
        <source>ok</source>
        <extracomment>status of a run in History</extracomment>
        <translation>ok</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>infrastructure</source>
        <translation>Infrastruktur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 of %2 done, %3 failed</source>
        <translation>%1 von %2 fertig, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost (USD)</source>
        <translation>Kosten (USD)</translation>
    </message>
</context>
<context>
    <name>mrp::RunLock</name>
    <message>
        <location filename="../services/store/runlock.cpp" line="+53"/>
        <source>process %1 (%2) on %3</source>
        <translation>Prozess %1 (%2) auf %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another process (%1)</source>
        <translation>einem anderen Prozess (%1)</translation>
    </message>
</context>
<context>
    <name>mrp::RunLog</name>
    <message>
        <location filename="../services/run/runlog.cpp" line="+82"/>
        <source>Cannot open the run log %1: %2</source>
        <translation>Das Lauf-Log %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::RunPage</name>
    <message>
        <location filename="../app/workbench/runpage.cpp" line="+48"/>
        <source>compiling the job</source>
        <translation>Job wird kompiliert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>packing the shards</source>
        <translation>Shards werden gepackt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>running the shards</source>
        <translation>Shards laufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reducing</source>
        <translation>Reduktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>writing the outputs</source>
        <translation>Ausgaben werden geschrieben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>writing the run record</source>
        <translation>Laufprotokoll wird geschrieben</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Shard table</source>
        <translation>Shard-Tabelle</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <extracomment>shard state filter: queued, provisioning, running or collecting</extracomment>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying</source>
        <translation>Erneuter Versuch</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+424"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="-423"/>
        <source>Show shards in state</source>
        <translation>Shards in diesem Zustand zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Filter by shard id</source>
        <translation>Nach Shard-ID filtern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Run progress</source>
        <translation>Laufstatus</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+237"/>
        <location line="+133"/>
        <source>%v of %m shards</source>
        <translation>%v von %m Shards</translation>
    </message>
    <message>
        <location line="-369"/>
        <source>Run summary</source>
        <translation>Laufübersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No run yet. Open a job and press Run.</source>
        <translation>Noch kein Lauf. Öffnen Sie einen Job und klicken Sie auf „Lauf“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sandbox isolation</source>
        <translation>Isolation der Sandboxes</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Log of the selected shard</source>
        <translation>Log des ausgewählten Shards</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+118"/>
        <location line="+98"/>
        <source>Run log</source>
        <translation>Lauf-Log</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;hards</source>
        <translation>S&amp;hards</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Plots</source>
        <translation>&amp;Diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run views</source>
        <translation>Laufansichten</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Log of shard %1</source>
        <translation>Log von Shard %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>(%n earlier line(s) not kept)</source>
        <translation>
            <numerusform>(%n frühere Zeile nicht aufbewahrt)</numerusform>
            <numerusform>(%n frühere Zeilen nicht aufbewahrt)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 done, %2 failed, %3 running.</source>
        <translation>%1 fertig, %2 fehlgeschlagen, %3 laufen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About %1 left.</source>
        <translation>Noch etwa %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost so far: $%1.</source>
        <translation>Bisherige Kosten: %1 $.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sandboxes: %1</source>
        <translation>Sandboxes: %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Reading the dataset… %1 of %2 MiB</source>
        <translation>Der Datensatz wird gelesen… %1 von %2 MiB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the dataset… %1 MiB</source>
        <translation>Der Datensatz wird gelesen… %1 MiB</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>[%1] attempt %2: %3 started</source>
        <translation>[%1] Versuch %2: %3 gestartet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attempt %1 failed with exit code %2: %3</source>
        <translation>Versuch %1 ist mit Exit-Code %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempt %1 finished with exit code %2.</source>
        <translation>Versuch %1 mit Exit-Code %2 beendet.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>pass@k: %1.</source>
        <translation>pass@k: %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Run %1 (%2): %3 done, %4 failed. Cost: $%5.</source>
        <translation>Lauf %1 (%2): %3 fertig, %4 fehlgeschlagen. Kosten: %5 $.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This run was unisolated: %1</source>
        <translation>Dieser Lauf war nicht isoliert: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Compiling %1… Press Esc to cancel.</source>
        <translation>%1 wird kompiliert… Esc bricht ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resuming run %1… Press Esc to cancel.</source>
        <translation>Lauf %1 wird fortgesetzt… Esc bricht ab.</translation>
    </message>
    <message>
        <source>Compiling %1…</source>
        <translation type="vanished">%1 wird kompiliert…</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation type="vanished">Lauf %1 wird fortgesetzt…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Run %1 started with %n shard(s).</source>
        <translation>
            <numerusform>Lauf %1 mit %n Shard gestartet.</numerusform>
            <numerusform>Lauf %1 mit %n Shards gestartet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Run phase: %1</source>
        <translation>Laufphase: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled: no run was started.</source>
        <translation>Abgebrochen: Es wurde kein Lauf gestartet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run did not start.</source>
        <translation>Der Lauf wurde nicht gestartet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run %1 finished: every shard succeeded.</source>
        <translation>Lauf %1 beendet: Alle Shards waren erfolgreich.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled before the run started: no shard ran and nothing was recorded.</source>
        <translation>Vor dem Start des Laufs abgebrochen: Kein Shard lief und nichts wurde aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run %1 was cancelled.</source>
        <translation>Lauf %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The run did not start: %1</source>
        <translation>Der Lauf wurde nicht gestartet: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run %1 ended: %2</source>
        <translation>Lauf %1 beendet: %2</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cancelling: the job&apos;s compile stops reading the dataset…</source>
        <translation>Abbruch: Das Kompilieren des Jobs hört auf, den Datensatz zu lesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelling: stopping dispatch and deleting sandboxes…</source>
        <translation>Wird abgebrochen: keine Shards mehr verteilen, Sandboxes werden gelöscht…</translation>
    </message>
</context>
<context>
    <name>mrp::RunRecord</name>
    <message>
        <location filename="../model/record/runrecord.cpp" line="+241"/>
        <source>This is not an MRP run record (no &quot;schema&quot;: &quot;mrp.run-record&quot;).</source>
        <translation>Dies ist kein MRP-Laufprotokoll (kein &quot;schema&quot;: &quot;mrp.run-record&quot;).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run record schema version %1 is not supported (this build reads 1 to %2).</source>
        <translation>Version %1 des Laufprotokoll-Schemas wird nicht unterstützt (dieser Build liest 1 bis %2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run record has no run_id.</source>
        <translation>Das Laufprotokoll hat keine run_id.</translation>
    </message>
</context>
<context>
    <name>mrp::RunStore</name>
    <message>
        <location filename="../services/store/runstore.cpp" line="+200"/>
        <source>Cannot create the data folder %1. Check its permissions or set MRP_DATA_DIR.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden. Prüfen Sie seine Zugriffsrechte oder setzen Sie MRP_DATA_DIR.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run store %1 is not a readable SQLite database (damaged, or not ours). Move it aside (e.g. rename it to runs.sqlite.broken); mrp then makes a new, empty one.</source>
        <translation>Der Laufspeicher %1 ist keine lesbare SQLite-Datenbank (beschädigt oder nicht von mrp). Verschieben Sie ihn (benennen Sie ihn z. B. in runs.sqlite.broken um); mrp legt dann einen neuen, leeren an.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the run store %1: %2</source>
        <translation>Der Laufspeicher %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+156"/>
        <location line="+30"/>
        <location line="+8"/>
        <location line="+15"/>
        <location line="+8"/>
        <location line="+9"/>
        <source>Cannot store an artifact in %1: %2</source>
        <translation>Ein Artefakt kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Cannot store an artifact: %1</source>
        <translation>Ein Artefakt kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&quot;%1&quot; is not a SHA-256 digest.</source>
        <translation>„%1“ ist kein SHA-256-Digest.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Artifact %1 is missing from the store (%2).</source>
        <translation>Das Artefakt %1 fehlt im Speicher (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Artifact %1 is corrupt: its content has another digest.</source>
        <translation>Das Artefakt %1 ist beschädigt: Sein Inhalt hat einen anderen Digest.</translation>
    </message>
    <message>
        <location line="-413"/>
        <location line="+18"/>
        <location line="+236"/>
        <location line="+170"/>
        <location line="+42"/>
        <location line="+114"/>
        <location line="+27"/>
        <location line="+95"/>
        <location line="+26"/>
        <source>Run store error: %1</source>
        <translation>Fehler im Laufspeicher: %1</translation>
    </message>
    <message>
        <location line="-206"/>
        <location line="+80"/>
        <source>No run &quot;%1&quot; in the store %2. List runs with `mrp runs`.</source>
        <translation>Kein Lauf „%1“ im Speicher %2. `mrp runs` listet die Läufe auf.</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>The stored record of run %1 is unreadable: %2</source>
        <translation>Das gespeicherte Protokoll von Lauf %1 ist nicht lesbar: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The stored attempts of shard %1 of run %2 are damaged. Move %3 aside to start a new store, or delete the run.</source>
        <translation>Die gespeicherten Versuche von Shard %1 des Laufs %2 sind beschädigt. Verschieben Sie %3, um einen neuen Speicher anzulegen, oder löschen Sie den Lauf.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&quot;%1&quot; is not a run id.</source>
        <translation>„%1“ ist keine Lauf-ID.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Run %1 was deleted from the store, but its folder %2 could not be removed completely.</source>
        <translation>Lauf %1 wurde aus dem Speicher gelöscht, aber sein Ordner %2 konnte nicht vollständig entfernt werden.</translation>
    </message>
    <message>
        <location line="+71"/>
        <location line="+36"/>
        <source>Shard %1 of run %2 is not in the store.</source>
        <translation>Shard %1 von Lauf %2 ist nicht im Speicher.</translation>
    </message>
    <message>
        <location filename="../services/store/filesync.cpp" line="+52"/>
        <location line="+26"/>
        <source>Cannot write %1 to the disk: %2</source>
        <translation>%1 kann nicht auf die Festplatte geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+24"/>
        <source>Cannot move %1 to %2: %3</source>
        <translation>%1 kann nicht nach %2 verschoben werden: %3</translation>
    </message>
</context>
<context>
    <name>mrp::Scheduler</name>
    <message>
        <location filename="../services/run/scheduler.cpp" line="+165"/>
        <location line="+735"/>
        <source>Cancelled before it started.</source>
        <translation>Vor dem Start abgebrochen.</translation>
    </message>
    <message>
        <location line="-731"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Waited longer than the queue timeout (%1 s) for a slot.</source>
        <translation>Länger als das Warteschlangen-Zeitlimit (%1 s) auf einen Platz gewartet.</translation>
    </message>
    <message>
        <location line="+388"/>
        <source>The output of shard %1 was refused unread: a shard may return at most %2 MiB. Return a summary from the map operator (aggregate inside it), or use smaller shards.</source>
        <translation>Die Ausgabe von Shard %1 wurde ungelesen abgelehnt: Ein Shard darf höchstens %2 MiB zurückgeben. Geben Sie aus dem Map-Operator eine Zusammenfassung zurück (aggregieren Sie darin) oder verwenden Sie kleinere Shards.</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>The service asked to wait %1 s before the next call (until %2), longer than this run waits (%3 s). Resume the run after that time.</source>
        <translation>Der Dienst verlangt %1 s Wartezeit vor dem nächsten Aufruf (bis %2), länger als dieser Lauf wartet (%3 s). Setzen Sie den Lauf danach fort.</translation>
    </message>
    <message>
        <location line="+257"/>
        <source>Cost so far $%1 has reached 80 % of the cap ($%2).</source>
        <translation>Die bisherigen Kosten von %1 $ haben 80 % der Obergrenze (%2 $) erreicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped dispatching: the next shard (estimated $%1) would pass the cost cap of $%2 ($%3 spent). Raise policy.budget.max_cost_usd to run the rest.</source>
        <translation>Verteilung gestoppt: Der nächste Shard (geschätzt %1 $) würde die Kostengrenze von %2 $ überschreiten (%3 $ ausgegeben). Erhöhen Sie policy.budget.max_cost_usd, um den Rest auszuführen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sandbox time so far (%1 s) has reached 80 % of the cap (%2 s).</source>
        <translation>Die bisherige Sandbox-Zeit (%1 s) hat 80 % der Obergrenze (%2 s) erreicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped dispatching: the next shard (estimated %1 s) would pass the sandbox-time cap of %2 s (%3 s used). Raise policy.budget.max_sandbox_seconds to run the rest.</source>
        <translation>Verteilung gestoppt: Der nächste Shard (geschätzt %1 s) würde die Sandbox-Zeitgrenze von %2 s überschreiten (%3 s verbraucht). Erhöhen Sie policy.budget.max_sandbox_seconds, um den Rest auszuführen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not started: the budget cap was reached.</source>
        <translation>Nicht gestartet: Die Budgetgrenze wurde erreicht.</translation>
    </message>
    <message>
        <location line="-596"/>
        <source>Could not create a sandbox.</source>
        <translation>Es konnte keine Sandbox angelegt werden.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Could not reset the reused sandbox.</source>
        <translation>Die wiederverwendete Sandbox konnte nicht zurückgesetzt werden.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Upload failed.</source>
        <translation>Hochladen fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Exec failed.</source>
        <translation>Ausführung fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The runner ended (exit %1) without reporting an output: the operator ended the process itself (os._exit, a signal to its own process) before returning.</source>
        <translation>Der Runner endete (Exit %1), ohne eine Ausgabe zu melden: Der Operator hat den Prozess selbst beendet (os._exit, ein Signal an den eigenen Prozess), bevor er zurückkehrte.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The operator ran longer than the shard timeout (%1 s).</source>
        <translation>Der Operator lief länger als das Shard-Zeitlimit (%1 s).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operator raised an exception (exit 3); see stderr.</source>
        <translation>Der Operator hat eine Ausnahme ausgelöst (Exit-Code 3); siehe stderr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator raised an exception (exit 3): %1</source>
        <translation>Der Operator hat eine Ausnahme ausgelöst (Exit 3): %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operator&apos;s output is not JSON-serialisable (exit 4).</source>
        <translation>Die Ausgabe des Operators ist nicht als JSON serialisierbar (Exit-Code 4).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator ran out of memory.</source>
        <translation>Dem Operator ist der Arbeitsspeicher ausgegangen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The runner was killed by a signal.</source>
        <translation>Der Runner wurde durch ein Signal beendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sandbox stopped the operator at one of its limits.</source>
        <translation>Die Sandbox hat den Operator an einer ihrer Grenzen angehalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The runner exited with code %1.</source>
        <translation>Der Runner wurde mit Code %1 beendet.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Download of the output failed.</source>
        <translation>Das Herunterladen der Ausgabe ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+103"/>
        <location line="+80"/>
        <source>Another attempt finished first.</source>
        <translation>Ein anderer Versuch war zuerst fertig.</translation>
    </message>
    <message>
        <source>The shard&apos;s output is %1 MiB; a shard may return at most %2 MiB. Return a summary from the map operator (aggregate inside it), or use smaller shards.</source>
        <translation type="vanished">Die Ausgabe des Shards ist %1 MiB groß; ein Shard darf höchstens %2 MiB zurückgeben. Geben Sie aus dem Map-Operator eine Zusammenfassung zurück (aggregieren Sie darin), oder verwenden Sie kleinere Shards.</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>The downloaded output is missing.</source>
        <translation>Die heruntergeladene Ausgabe fehlt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The output&apos;s digest %1 differs from the one the runner printed (%2).</source>
        <translation>Der Digest %1 der Ausgabe weicht von dem vom Runner ausgegebenen ab (%2).</translation>
    </message>
    <message>
        <source>The service asked to wait %1 s before the next call (until %2), longer than this run waits (%3 s). Resume the run after that time with `mrp run --resume`.</source>
        <translation type="vanished">Der Dienst verlangt %1 s Wartezeit vor dem nächsten Aufruf (bis %2), länger als dieser Lauf wartet (%3 s). Setzen Sie den Lauf danach mit `mrp run --resume` fort.</translation>
    </message>
    <message>
        <location line="+96"/>
        <location line="+194"/>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Creating the sandbox took longer than %1 s.</source>
        <translation>Das Anlegen der Sandbox dauerte länger als %1 s.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resetting the sandbox took longer than %1 s.</source>
        <translation>Das Zurücksetzen der Sandbox dauerte länger als %1 s.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploading the package took longer than %1 s.</source>
        <translation>Das Hochladen des Pakets dauerte länger als %1 s.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The operator ran longer than the shard timeout (%1 s) and did not stop.</source>
        <translation>Der Operator lief länger als das Shard-Zeitlimit (%1 s) und hielt nicht an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading the output took longer than %1 s.</source>
        <translation>Das Herunterladen der Ausgabe dauerte länger als %1 s.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not retried: the budget cap was reached.</source>
        <translation>Nicht wiederholt: Die Budgetgrenze wurde erreicht.</translation>
    </message>
</context>
<context>
    <name>mrp::SettingsDialog</name>
    <message>
        <location filename="../app/workbench/settingsdialog.cpp" line="+71"/>
        <source>&amp;Remove Key</source>
        <translation>Schlüssel entfe&amp;rnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>St&amp;ore Key</source>
        <translation>Schlüssel &amp;speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+308"/>
        <source>Test Co&amp;nnection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <location line="-302"/>
        <source>Allow unisolated local runs &amp;where isolation is unavailable</source>
        <translation>&amp;Lokale Läufe ohne Isolation erlauben, wo keine verfügbar ist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+61"/>
        <source>As the job says</source>
        <translation>Wie im Job angegeben</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Local sandboxes</source>
        <translation>Lokale Sandboxes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daytona cloud sandboxes</source>
        <translation>Daytona-Cloud-Sandboxes</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+91"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Backend profile</source>
        <translation>Backend-Profil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Daytona API URL</source>
        <translation>Daytona-API-URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API key status</source>
        <translation>Status des API-Schlüssels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the keychain…</source>
        <translation>Schlüsselbund wird geprüft…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+175"/>
        <source>&amp;Set Key…</source>
        <translation>Schlüssel &amp;festlegen…</translation>
    </message>
    <message>
        <location line="-171"/>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removing the key…</source>
        <translation>Schlüssel wird entfernt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Create a sandbox, run hello-world in it and delete it, timing each step (as &quot;mrp doctor&quot; does)</source>
        <translation>Eine Sandbox erstellen, hello-world darin ausführen und sie löschen, mit der Dauer jedes Schritts (wie „mrp doctor“)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection test steps</source>
        <translation>Schritte des Verbindungstests</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sandboxes in parallel</source>
        <translation>Sandboxes parallel</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>No extra cap</source>
        <translation>Keine zusätzliche Grenze</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Maximum cost per run in US dollars</source>
        <translation>Höchstkosten pro Lauf in US-Dollar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Maximum sandbox seconds per run</source>
        <translation>Höchste Sandbox-Sekunden pro Lauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without bubblewrap (macOS, Windows, some Linux systems) a local run whose policy blocks the network is refused. Checked, it runs anyway, with the operating system&apos;s limits only, and its record says so.</source>
        <translation>Ohne bubblewrap (macOS, Windows, manche Linux-Systeme) wird ein lokaler Lauf abgelehnt, dessen Richtlinie das Netzwerk sperrt. Ist dies angehakt, läuft er trotzdem, nur mit den Grenzen des Betriebssystems, und sein Protokoll vermerkt das.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only the job file&apos;s folder</source>
        <translation>Nur der Ordner der Job-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders a job may read besides its own</source>
        <translation>Ordner, die ein Job außer seinem eigenen lesen darf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A job reads its dataset and operators only from its own folder, so a generated job file cannot reach your other files. Folders listed here (separated by &apos;%1&apos;) are allowed too; each run&apos;s plan records them. The same as &apos;mrp run --allow-path&apos;.</source>
        <extracomment>%1 is the character that separates folders in a list, &apos;:&apos; or &apos;;&apos;.</extracomment>
        <translation>Ein Job liest seinen Datensatz und seine Operatoren nur aus seinem eigenen Ordner, sodass eine generierte Job-Datei Ihre übrigen Dateien nicht erreicht. Die hier aufgeführten Ordner (getrennt durch &apos;%1&apos;) sind ebenfalls erlaubt; der Plan jedes Laufs vermerkt sie. Entspricht &apos;mrp run --allow-path&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Backend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API &amp;URL:</source>
        <translation>API-&amp;URL:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sandboxes in para&amp;llel:</source>
        <translation>Sandboxes par&amp;allel:</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>Stop Testi&amp;ng</source>
        <translation>Test an&amp;halten</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Maximum &amp;cost per run:</source>
        <translation>Höchst&amp;kosten pro Lauf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum sandbo&amp;x time per run:</source>
        <translation>Höchste Sandbo&amp;x-Zeit pro Lauf:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folders jobs may re&amp;ad:</source>
        <translation>&amp;Ordner, die Jobs lesen dürfen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Theme:</source>
        <translation>Farbs&amp;chema:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No keychain is available.</source>
        <translation>Es ist kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>A key is set for profile %1 (stored %2).</source>
        <translation>Für Profil %1 ist ein Schlüssel gesetzt (gespeichert %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key is set for profile %1.</source>
        <translation>Für Profil %1 ist kein Schlüssel gesetzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eplace Key…</source>
        <translation>Schlüssel &amp;ersetzen…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Storing the key…</source>
        <translation>Schlüssel wird gespeichert…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (failed)</source>
        <translation>%1 (fehlgeschlagen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 in %3 ms. %4</source>
        <translation>%1: %2 in %3 ms. %4</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The connection works.</source>
        <translation>Die Verbindung funktioniert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was sent: set an API key and a valid API URL first.</source>
        <translation>Nichts wurde gesendet: Legen Sie zuerst einen API-Schlüssel und eine gültige API-URL fest.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection test failed; see the failed step.</source>
        <translation>Der Verbindungstest ist fehlgeschlagen; siehe den fehlgeschlagenen Schritt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection test was stopped.</source>
        <translation>Der Verbindungstest wurde angehalten.</translation>
    </message>
</context>
<context>
    <name>mrp::ShardTableModel</name>
    <message>
        <location filename="../model/views/shardtablemodel.cpp" line="+67"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Provisioning</source>
        <translation>Wird bereitgestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Collecting</source>
        <translation>Sammelt ein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrying</source>
        <translation>Erneuter Versuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Queue</source>
        <extracomment>phase of a shard: waiting in the queue</extracomment>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create</source>
        <extracomment>phase of a shard: creating the sandbox</extracomment>
        <translation>Anlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset</source>
        <extracomment>phase of a shard: cleaning a reused sandbox for the next shard</extracomment>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Execute</source>
        <extracomment>phase of a shard: running the operator</extracomment>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shard %1: %2, %3, %4 attempts</source>
        <translation>Shard %1: %2, %3, %4 Versuche</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shard %1: %2, %3</source>
        <translation>Shard %1: %2, %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 from %2 to %3</source>
        <translation>%1 von %2 bis %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attempt %1: %2.</source>
        <translation>Versuch %1: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/workbench/timeline/timelinedelegate.cpp" line="+155"/>
        <source>Failed with %1 (exit code %2): %3</source>
        <translation>Fehlgeschlagen mit %1 (Exit-Code %2): %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Exit code: %1</source>
        <translation>Exit-Code: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error: %1 — %2</source>
        <translation>Fehler: %1 — %2</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cost (USD)</source>
        <extracomment>column header, cost in US dollars</extracomment>
        <translation>Kosten (USD)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location filename="../app/workbench/timeline/timelinedelegate.cpp" line="-18"/>
        <source>Shard %1, attempt %2 of %3</source>
        <translation>Shard %1, Versuch %2 von %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: running for %2 (since %3)</source>
        <translation>%1: läuft seit %2 (seit %3)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 (from %3 to %4)</source>
        <translation>%1: %2 (von %3 bis %4)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished with exit code %1.</source>
        <translation>Mit Exit-Code %1 beendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>mrp::ShardWriter</name>
    <message>
        <location filename="../model/data/shardwriter.cpp" line="+45"/>
        <location line="+81"/>
        <source>cannot write a shard payload in %1: %2</source>
        <translation>Eine Shard-Nutzlast kann nicht in %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>cannot create the shard folder %1</source>
        <translation>Der Shard-Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot create a shard payload in %1: %2</source>
        <translation>Eine Shard-Nutzlast kann nicht in %1 angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>cannot store the shard payload %1: %2</source>
        <translation>Die Shard-Nutzlast %1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>mrp::Sweeper</name>
    <message>
        <location filename="../services/run/sweeper.cpp" line="+45"/>
        <source>No owner id: refusing to sweep sandboxes that may belong to someone else.</source>
        <translation>Keine Besitzer-ID: Sandboxen, die jemand anderem gehören könnten, werden nicht aufgeräumt.</translation>
    </message>
</context>
<context>
    <name>mrp::TimeAxisHeaderView</name>
    <message>
        <location filename="../app/workbench/timeline/timeaxisheaderview.cpp" line="+17"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timeline, %1 to %2 (zoomed; press 0 to show all)</source>
        <translation>Zeitleiste, %1 bis %2 (vergrößert; 0 zeigt alles)</translation>
    </message>
</context>
<context>
    <name>mrp::TimelineView</name>
    <message>
        <location filename="../app/workbench/timeline/timelineview.cpp" line="+36"/>
        <source>Shard timeline</source>
        <translation>Shard-Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per shard. Plus and minus zoom the time axis, left and right pan, 0 shows the whole run.</source>
        <translation>Eine Zeile pro Shard. Plus und Minus zoomen die Zeitachse, Links und Rechts verschieben sie, 0 zeigt den ganzen Lauf.</translation>
    </message>
</context>
<context>
    <name>mrp::UploadJob</name>
    <message numerus="yes">
        <location filename="../services/daytona/daytonajobs.cpp" line="-79"/>
        <source>upload %n file(s) to the sandbox</source>
        <translation>
            <numerusform>%n Datei in die Sandbox hochzuladen</numerusform>
            <numerusform>%n Dateien in die Sandbox hochzuladen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mrp::YamlFields</name>
    <message>
        <location filename="../model/job/yamlfields.cpp" line="+154"/>
        <source>the document is nested too deeply (more than %1 levels)</source>
        <translation>Das Dokument ist zu tief verschachtelt (mehr als %1 Ebenen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flatten the structure; a job file needs only a few levels.</source>
        <translation>Vereinfachen Sie die Struktur; eine Job-Datei braucht nur wenige Ebenen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the file holds a NUL byte</source>
        <translation>Die Datei enthält ein NUL-Byte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the file is not valid UTF-8</source>
        <translation>Die Datei ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the file as UTF-8 text; YAML files hold no binary data.</source>
        <translation>Speichern Sie die Datei als UTF-8-Text; YAML-Dateien enthalten keine Binärdaten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the file holds %1 YAML documents; it must hold one</source>
        <translation>Die Datei enthält %1 YAML-Dokumente; sie darf nur eines enthalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the &apos;---&apos; line and everything after it, or put the second document in a file of its own.</source>
        <translation>Entfernen Sie die Zeile &apos;---&apos; und alles danach, oder legen Sie das zweite Dokument in eine eigene Datei.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>YAML syntax error: %1</source>
        <translation>YAML-Syntaxfehler: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the indentation, quotes and brackets around this position.</source>
        <translation>Prüfen Sie Einrückung, Anführungszeichen und Klammern um diese Stelle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot parse the YAML document: %1</source>
        <translation>Das YAML-Dokument kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a mapping</source>
        <translation>eine Zuordnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the number %1</source>
        <translation>die Zahl %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the text &quot;%1&quot;</source>
        <translation>den Text „%1“</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>expected a mapping of keys, got %1</source>
        <translation>Eine Zuordnung von Schlüsseln erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as indented &apos;key: value&apos; lines.</source>
        <translation>Schreiben Sie es als eingerückte Zeilen &apos;schlüssel: wert&apos;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a key must be plain text, got %1</source>
        <translation>Ein Schlüssel muss einfacher Text sein, %1 erhalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the key is given twice</source>
        <translation>Der Schlüssel ist doppelt angegeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove one of them.</source>
        <translation>Entfernen Sie einen davon.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Known keys here: %1.</source>
        <translation>Bekannte Schlüssel an dieser Stelle: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+122"/>
        <source>Did you mean &apos;%1&apos;?</source>
        <translation>Meinten Sie &apos;%1&apos;?</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>unknown key &apos;%1&apos;</source>
        <translation>unbekannter Schlüssel &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>a value is missing</source>
        <translation>Ein Wert fehlt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write a value after &apos;%1:&apos; or remove the key.</source>
        <translation>Schreiben Sie einen Wert hinter &apos;%1:&apos; oder entfernen Sie den Schlüssel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the required key &apos;%1&apos; is missing</source>
        <translation>Der erforderliche Schlüssel &apos;%1&apos; fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &apos;%1:&apos; here (see docs/job-format.md).</source>
        <translation>Fügen Sie hier &apos;%1:&apos; hinzu (siehe docs/job-format.md).</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+92"/>
        <source>expected text, got %1</source>
        <translation>Text erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>expected a whole number, got %1</source>
        <translation>Eine ganze Zahl erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a number between %1 and %2 without quotes.</source>
        <translation>Schreiben Sie eine Zahl zwischen %1 und %2 ohne Anführungszeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+20"/>
        <source>%1 is out of range</source>
        <translation>%1 liegt außerhalb des Bereichs</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+20"/>
        <source>Use a number between %1 and %2.</source>
        <translation>Verwenden Sie eine Zahl zwischen %1 und %2.</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+84"/>
        <source>expected a number, got %1</source>
        <translation>Eine Zahl erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>Write a number without quotes, e.g. 1.5.</source>
        <translation>Schreiben Sie eine Zahl ohne Anführungszeichen, z. B. 1.5.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected true or false, got %1</source>
        <translation>true oder false erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>expected one of %1, got %2</source>
        <translation>Eines von %1 erwartet, %2 erhalten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected a list of text values, got %1</source>
        <translation>Eine Liste von Textwerten erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as [a, b] or as &apos;- a&apos; lines.</source>
        <translation>Schreiben Sie sie als [a, b] oder als Zeilen &apos;- a&apos;.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>expected a list of numbers, got %1</source>
        <translation>Eine Liste von Zahlen erwartet, %1 erhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write it as [0, 10, 100].</source>
        <translation>Schreiben Sie sie als [0, 10, 100].</translation>
    </message>
</context>
<context>
    <name>mrp::cli</name>
    <message>
        <location filename="../app/cli/cli.cpp" line="+60"/>
        <source>Usage: mrp &lt;command&gt; [options]

Run map/reduce/produce evaluation batches in sandboxes.

Commands:
</source>
        <translation>Aufruf: mrp &lt;Befehl&gt; [Optionen]

Map/Reduce/Produce-Auswertungsläufe in Sandboxes ausführen.

Befehle:
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>
Run &apos;mrp &lt;command&gt; --help&apos; for the options of a command.
Exit codes: 0 ok, 1 shards failed, 2 usage or validation error, 3 refused by policy, 4 infrastructure failure, 130 cancelled.
</source>
        <translation>
&apos;mrp &lt;Befehl&gt; --help&apos; zeigt die Optionen eines Befehls.
Exit-Codes: 0 in Ordnung, 1 Shards fehlgeschlagen, 2 Aufruf- oder Validierungsfehler, 3 von einer Richtlinie abgelehnt, 4 Infrastrukturfehler, 130 abgebrochen.
</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>mrp: unknown command &apos;%1&apos;. Run &apos;mrp --help&apos; for the list of commands.
</source>
        <translation>mrp: unbekannter Befehl &apos;%1&apos;. &apos;mrp --help&apos; listet die Befehle auf.
</translation>
    </message>
    <message>
        <location filename="../app/cli/commands.cpp" line="+33"/>
        <source>Check a job file, its profile, operators and dataset</source>
        <translation>Eine Job-Datei, ihr Profil, ihre Operatoren und ihren Datensatz prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compile a job into a plan and shard payloads</source>
        <translation>Einen Job in einen Plan und Shard-Nutzdaten kompilieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run a job: map in sandboxes, reduce and produce locally</source>
        <translation>Einen Job ausführen: Map in Sandboxes, Reduce und Produce lokal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List the runs in the run store</source>
        <translation>Die Läufe im Laufspeicher auflisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a run&apos;s record, shards and attempts</source>
        <translation>Protokoll, Shards und Versuche eines Laufs anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export a run&apos;s shards as CSV</source>
        <translation>Die Shards eines Laufs als CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute reduce and produce and check the digests</source>
        <translation>Reduce und Produce neu berechnen und die Digests prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare two runs: job, code, data, params, outputs</source>
        <translation>Zwei Läufe vergleichen: Job, Code, Daten, Parameter, Ausgaben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the Daytona API key, show its status, or delete it (system keychain)</source>
        <translation>Den Daytona-API-Schlüssel festlegen, seinen Status zeigen oder ihn löschen (Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <source>Set, check or delete the Daytona API key (system keychain)</source>
        <translation type="vanished">Den Daytona-API-Schlüssel festlegen, prüfen oder löschen (Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete leftover Daytona sandboxes of this installation</source>
        <translation>Übrig gebliebene Daytona-Sandboxes dieser Installation löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the Daytona setup: key, API, create, exec, delete</source>
        <translation>Die Daytona-Einrichtung prüfen: Schlüssel, API, Anlegen, Ausführen, Löschen</translation>
    </message>
</context>
<context>
    <name>mrp::cli::compile</name>
    <message>
        <source>Compile a job into a deterministic plan (IR, manifest, policy) and its shard payloads.
Exit codes: 0 compiled, 2 validation error, 3 refused by policy.</source>
        <translation type="vanished">Einen Job in einen deterministischen Plan (IR, Manifest, Richtlinie) und seine Shard-Nutzdaten kompilieren.
Exit-Codes: 0 kompiliert, 2 Validierungsfehler, 3 von einer Richtlinie abgelehnt.</translation>
    </message>
    <message>
        <location filename="../app/cli/cmd_compile.cpp" line="+36"/>
        <source>Compile a job into a deterministic plan (IR, manifest, policy) and its shard payloads.
Exit codes: 0 compiled, 2 validation error, 3 refused by policy, 130 cancelled.</source>
        <translation>Kompiliert einen Job in einen deterministischen Plan (IR, Manifest, Richtlinie) und seine Shard-Nutzdaten.
Exit-Codes: 0 kompiliert, 2 Validierungsfehler, 3 von der Richtlinie abgelehnt, 130 abgebrochen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where to write the plan (default: ./&lt;job name&gt;.plan).</source>
        <translation>Wohin der Plan geschrieben wird (Vorgabe: ./&lt;Jobname&gt;.plan).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job file (YAML).</source>
        <translation>Die Job-Datei (YAML).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Usage: mrp compile JOB [--out DIR] [--json]
</source>
        <translation>Aufruf: mrp compile JOB [--out ORDNER] [--json]
</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>mrp compile: %1
</source>
        <translation>mrp compile: %1
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>wrote %1
</source>
        <translation>%1 geschrieben
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::diff</name>
    <message>
        <location filename="../app/cli/cmd_diff.cpp" line="+81"/>
        <source>Compare two runs: what changed in the job, code, data and parameters, and which
shard outputs differ.</source>
        <translation>Zwei Läufe vergleichen: was sich an Job, Code, Daten und Parametern geändert hat und welche
Shard-Ausgaben sich unterscheiden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the comparison as JSON.</source>
        <translation>Den Vergleich als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first run.</source>
        <translation>Der erste Lauf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The second run.</source>
        <translation>Der zweite Lauf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: mrp diff RUN_A RUN_B [--json]</source>
        <translation>Aufruf: mrp diff LAUF_A LAUF_B [--json]</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Comparing %1 (a) with %2 (b)
</source>
        <translation>Vergleich von %1 (a) mit %2 (b)
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  job, code, data and parameters: unchanged
</source>
        <translation>  Job, Code, Daten und Parameter: unverändert
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  shards: %1 identical, %2 with changed input, %3 with a different output
</source>
        <translation>  Shards: %1 identisch, %2 mit geänderter Eingabe, %3 mit anderer Ausgabe
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  reduce output: identical
</source>
        <translation>  Reduce-Ausgabe: identisch
</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>  reduce output: different
</source>
        <translation>  Reduce-Ausgabe: verschieden
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::doctor</name>
    <message>
        <location filename="../app/cli/cmd_doctor.cpp" line="+33"/>
        <source>Check the Daytona setup: key, API, create, exec, delete.</source>
        <translation>Die Daytona-Einrichtung prüfen: Schlüssel, API, Anlegen, Ausführen, Löschen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the result as JSON on stdout.</source>
        <translation>Das Ergebnis als JSON auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile whose API key to use (default: daytona).</source>
        <translation>Das Profil, dessen API-Schlüssel verwendet wird (Vorgabe: daytona).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
</context>
<context>
    <name>mrp::cli::export</name>
    <message>
        <location filename="../app/cli/cmd_export.cpp" line="+33"/>
        <source>Export a run as CSV: one row per shard with its state, attempts, phase times,
exit code, error class, cost and digests.</source>
        <translation>Einen Lauf als CSV exportieren: eine Zeile pro Shard mit Zustand, Versuchen, Phasenzeiten,
Exit-Code, Fehlerklasse, Kosten und Digests.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write CSV to this file (&quot;-&quot; for stdout).</source>
        <translation>CSV in diese Datei schreiben („-“ für stdout).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run id (or a unique prefix).</source>
        <translation>Lauf-ID (oder ein eindeutiges Präfix).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: mrp export RUN --csv FILE</source>
        <translation>Aufruf: mrp export LAUF --csv DATEI</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>mrp export: cannot write the CSV to stdout: %1
</source>
        <translation>mrp export: Die CSV-Daten können nicht auf stdout geschrieben werden: %1
</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrote %1 shard row(s) to %2
</source>
        <translation>%1 Shard-Zeile(n) nach %2 geschrieben
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::key</name>
    <message>
        <location filename="../app/cli/cmd_key.cpp" line="+34"/>
        <source>Daytona API key (input hidden): </source>
        <translation>Daytona-API-Schlüssel (Eingabe verborgen): </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Manage the Daytona API key in the system keychain.

  mrp key set      read the key from stdin and store it
  mrp key status   whether a key is set, and where from
  mrp key delete   remove the stored key</source>
        <translation>Den Daytona-API-Schlüssel im Schlüsselbund des Systems verwalten.

  mrp key set      den Schlüssel von stdin lesen und speichern
  mrp key status   ob ein Schlüssel gesetzt ist und woher
  mrp key delete   den gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>set, status or delete</source>
        <translation>set, status oder delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The backend profile the key belongs to (default: daytona).</source>
        <translation>Das Backend-Profil, zu dem der Schlüssel gehört (Vorgabe: daytona).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the result as JSON on stdout.</source>
        <translation>Das Ergebnis als JSON auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>mrp key set: never pass the key on the command line (it ends up in shell history and process lists). Pipe it in or type it at the prompt: mrp key set &lt; keyfile
</source>
        <translation>mrp key set: Übergeben Sie den Schlüssel nie auf der Kommandozeile (er landet in der Shell-History und in Prozesslisten). Leiten Sie ihn ein oder tippen Sie ihn an der Eingabeaufforderung: mrp key set &lt; schluesseldatei
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mrp key: expected one of set, status, delete. See mrp key --help.
</source>
        <translation>mrp key: set, status oder delete erwartet. Siehe mrp key --help.
</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>mrp key set: no key on stdin.
</source>
        <translation>mrp key set: kein Schlüssel auf stdin.
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mrp key set: no keychain is available on this system, so the key cannot be stored. Set DAYTONA_API_KEY in the environment instead.
</source>
        <translation>mrp key set: Auf diesem System ist kein Schlüsselbund verfügbar, der Schlüssel kann nicht gespeichert werden. Setzen Sie stattdessen DAYTONA_API_KEY in der Umgebung.
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The Daytona API key for profile &quot;%1&quot; is stored %2.
</source>
        <translation>Der Daytona-API-Schlüssel für das Profil „%1“ ist %2 gespeichert.
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mrp key set: the key was not stored: %1
</source>
        <translation>mrp key set: Der Schlüssel wurde nicht gespeichert: %1
</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The stored key for profile &quot;%1&quot; was deleted.
</source>
        <translation>Der gespeicherte Schlüssel für das Profil „%1“ wurde gelöscht.
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key was stored for profile &quot;%1&quot;.
</source>
        <translation>Für das Profil „%1“ war kein Schlüssel gespeichert.
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note: DAYTONA_API_KEY is still set in this environment.
</source>
        <translation>Hinweis: DAYTONA_API_KEY ist in dieser Umgebung weiterhin gesetzt.
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mrp key delete: %1
</source>
        <translation>mrp key delete: %1
</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A Daytona API key is set (from DAYTONA_API_KEY).
</source>
        <translation>Ein Daytona-API-Schlüssel ist gesetzt (aus DAYTONA_API_KEY).
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Daytona API key is set for profile &quot;%1&quot; (%2).
</source>
        <translation>Für das Profil „%1“ ist ein Daytona-API-Schlüssel gesetzt (%2).
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not read the keychain: %1
</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden: %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No Daytona API key is set for profile &quot;%1&quot;. Set one with: mrp key set
</source>
        <translation>Für das Profil „%1“ ist kein Daytona-API-Schlüssel gesetzt. Legen Sie einen fest mit: mrp key set
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::replay</name>
    <message>
        <location filename="../app/cli/cmd_replay.cpp" line="+42"/>
        <source>Recompute reduce and produce from a run&apos;s stored map outputs and check that
every digest is byte-identical to its run record. Exit 0 identical, 1 different.</source>
        <translation>Reduce und Produce aus den gespeicherten Map-Ausgaben eines Laufs neu berechnen und prüfen,
dass jeder Digest byte-identisch mit seinem Laufprotokoll ist. Exit-Code 0 identisch, 1 verschieden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the checks as JSON.</source>
        <translation>Die Prüfungen als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run a Python reducer even where the local sandbox cannot isolate it (no bubblewrap, macOS, Windows): it can then read your files and use the network.</source>
        <translation>Einen Python-Reducer auch dort ausführen, wo die lokale Sandbox ihn nicht isolieren kann (kein Bubblewrap, macOS, Windows): Er kann dann Ihre Dateien lesen und das Netzwerk nutzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run id (or a unique prefix).</source>
        <translation>Lauf-ID (oder ein eindeutiges Präfix).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: mrp replay RUN [--json]</source>
        <translation>Aufruf: mrp replay LAUF [--json]</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mrp replay: run %1 has no reduce output to check (status %2). Only finished runs can be replayed.
</source>
        <translation>mrp replay: Lauf %1 hat keine zu prüfende Reduce-Ausgabe (Status %2). Nur beendete Läufe können wiederholt werden.
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mrp replay: cannot read the plan of run %1: %2
</source>
        <translation>mrp replay: Der Plan von Lauf %1 kann nicht gelesen werden: %2
</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Replay of %1: byte-identical.
</source>
        <translation>Wiederholung von %1: byte-identisch.
</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Replay of %1: DIFFERENT from the record.
</source>
        <translation>Wiederholung von %1: VERSCHIEDEN vom Protokoll.
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::run</name>
    <message>
        <location filename="../app/cli/cmd_run.cpp" line="+72"/>
        <source>Run a job: map every shard in a sandbox, then reduce and produce locally.
Exit codes: 0 ok, 1 shards failed, 2 usage or validation error, 3 refused by policy,
4 infrastructure failure, 130 cancelled (Ctrl+C).</source>
        <translation>Einen Job ausführen: jeden Shard in einer Sandbox mappen, dann lokal reduzieren und produzieren.
Exit-Codes: 0 in Ordnung, 1 Shards fehlgeschlagen, 2 Aufruf- oder Validierungsfehler, 3 von einer Richtlinie abgelehnt,
4 Infrastrukturfehler, 130 abgebrochen (Strg+C).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where shards run: local or cloud_sandbox (default: the job&apos;s execution_backend).</source>
        <translation>Wo die Shards laufen: local oder cloud_sandbox (Vorgabe: execution_backend des Jobs).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backend profile (default: the job&apos;s backend_profile).</source>
        <translation>Backend-Profil (Vorgabe: backend_profile des Jobs).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shards running at once (overrides max_concurrency_map).</source>
        <translation>Gleichzeitig laufende Shards (überschreibt max_concurrency_map).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the job read this folder too (repeatable; a job reads only its own folder otherwise).</source>
        <translation>Den Job auch diesen Ordner lesen lassen (wiederholbar; sonst liest ein Job nur seinen eigenen Ordner).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume an interrupted run: re-run only the shards without a stored output.</source>
        <translation>Einen unterbrochenen Lauf fortsetzen: nur die Shards ohne gespeicherte Ausgabe erneut ausführen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wait at most this long for the service&apos;s rate limit; a longer wait stops the run (default 300).</source>
        <translation>Höchstens so lange auf das Ratenlimit des Dienstes warten; eine längere Wartezeit beendet den Lauf (Vorgabe 300).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print this shard&apos;s stdout and stderr while it runs (its index, from 0, or its id).</source>
        <translation>stdout und stderr dieses Shards ausgeben, während er läuft (sein Index ab 0 oder seine ID).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the summary as JSON on stdout.</source>
        <translation>Die Zusammenfassung als JSON auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print every log line on stderr.</source>
        <translation>Jede Log-Zeile auf stderr ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run local sandboxes even where they cannot be isolated (no bubblewrap, macOS, Windows): operators can then read your files and use the network. Without it such runs are refused.</source>
        <translation>Lokale Sandboxen auch dort ausführen, wo sie nicht isoliert werden können (kein Bubblewrap, macOS, Windows): Operatoren können dann Ihre Dateien lesen und das Netzwerk nutzen. Ohne diese Option werden solche Läufe abgelehnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data folder (run store); default $MRP_DATA_DIR or the user data folder.</source>
        <translation>Der Datenordner (Laufspeicher); Vorgabe $MRP_DATA_DIR oder der Datenordner des Benutzers.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job file (YAML); optional with --resume.</source>
        <translation>Die Job-Datei (YAML); mit --resume optional.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: mrp run JOB [--backend local|cloud_sandbox] [--profile P] [--concurrency N] [--resume RUN] [--json]
</source>
        <translation>Aufruf: mrp run JOB [--backend local|cloud_sandbox] [--profile P] [--concurrency N] [--resume LAUF] [--json]
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mrp run: %1: no such job file.
</source>
        <translation>mrp run: %1: Job-Datei nicht gefunden.
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mrp run: --backend must be local or cloud_sandbox, not &apos;%1&apos;.
</source>
        <translation>mrp run: --backend muss local oder cloud_sandbox sein, nicht &apos;%1&apos;.
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>mrp run: --profile: &apos;%1&apos; is not a profile name. Use a name such as &apos;local&apos; or &apos;daytona&apos; (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;); user profiles live in %2.
</source>
        <translation>mrp run: --profile: &apos;%1&apos; ist kein Profilname. Verwenden Sie einen Namen wie &apos;local&apos; oder &apos;daytona&apos; (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;); Benutzerprofile liegen in %2.
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>mrp run: --concurrency must be a number from 1 to 1024.
</source>
        <translation>mrp run: --concurrency muss eine Zahl von 1 bis 1024 sein.
</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>mrp run: --max-rate-wait must be a whole number of seconds, at least 1.
</source>
        <translation>mrp run: --max-rate-wait muss eine ganze Zahl von Sekunden sein, mindestens 1.
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mrp run: --follow needs a shard index (from 0) or a shard id.
</source>
        <translation>mrp run: --follow braucht einen Shard-Index (ab 0) oder eine Shard-ID.
</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cancelling: stopping dispatch and destroying every sandbox (Ctrl+C again to quit at once)...
</source>
        <translation>Wird abgebrochen: keine Shards mehr verteilen, alle Sandboxes werden gelöscht (erneut Strg+C beendet sofort)...
</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reading the dataset... %1 of %2 MiB</source>
        <translation>Der Datensatz wird gelesen... %1 von %2 MiB</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>mrp run: --follow %1: the run has no such shard (%2 shard(s), indexes 0 to %3); following none.
</source>
        <translation>mrp run: --follow %1: Der Lauf hat keinen solchen Shard (%2 Shard(s), Indizes 0 bis %3); es wird kein Shard verfolgt.
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Following shard %1 (%2).
</source>
        <translation>Shard %1 (%2) wird verfolgt.
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run %1: %2 shard(s) on %3
</source>
        <translation>Lauf %1: %2 Shard(s) auf %3
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WARNING: shards run UNISOLATED (%1).
</source>
        <translation>WARNUNG: Die Shards laufen NICHT ISOLIERT (%1).
</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>[%1/%2] done, %3 failed, %4 running, ETA %5, %6</source>
        <translation>[%1/%2] fertig, %3 fehlgeschlagen, %4 laufen, Restzeit %5, %6</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>; it asks to wait %1 s</source>
        <translation>; er verlangt %1 s Wartezeit</translation>
    </message>
    <message numerus="yes">
        <location line="-14"/>
        <source>quota: now running %1 shard(s) at once
</source>
        <translation>
            <numerusform>Kontingent: jetzt %1 Shard gleichzeitig
</numerusform>
            <numerusform>Kontingent: jetzt %1 Shards gleichzeitig
</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>rate limit: the service refused a call (%1 limit)</source>
        <translation>Ratenlimit: Der Dienst hat einen Aufruf abgelehnt (Limit %1)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> (%n more refusal(s) since the last line)</source>
        <translation>
            <numerusform> (%n weitere Ablehnung seit der letzten Zeile)</numerusform>
            <numerusform> (%n weitere Ablehnungen seit der letzten Zeile)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>budget: %1
</source>
        <translation>Budget: %1
</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>mrp run: %1
</source>
        <translation>mrp run: %1
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run %1 %2.
</source>
        <translation>Lauf %1 %2.
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  shards:     %1 ok, %2 failed, %3 cancelled (of %4</source>
        <translation>  Shards:     %1 in Ordnung, %2 fehlgeschlagen, %3 abgebrochen (von %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; %1 reused from an earlier session</source>
        <translation>; %1 aus einer früheren Sitzung übernommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  duration:   %1   cost: %2   sandbox time: %3 s
</source>
        <translation>  Dauer:      %1   Kosten: %2   Sandbox-Zeit: %3 s
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  backend:    %1 (%2), profile %3
</source>
        <translation>  Backend:    %1 (%2), Profil %3
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  limits:     %1 refused by the rate limit, %2 calls paced (%3 s waited), %4 creates refused for quota, %5 concurrency change(s)
</source>
        <translation>  Limits:     %1 vom Ratenlimit abgelehnt, %2 Aufrufe gebremst (%3 s gewartet), %4 Anlegen wegen Kontingent abgelehnt, %5 Änderung(en) der Parallelität
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  reduce:     %1, output %2
</source>
        <translation>  Reduce:     %1, Ausgabe %2
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  pass@k:     %1
</source>
        <translation>  pass@k:     %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  run record: %1
</source>
        <translation>  Protokoll:  %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  run log:    %1
</source>
        <translation>  Lauf-Log:   %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  outputs:    %1/
</source>
        <translation>  Ausgaben:   %1/
</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  resume:     mrp run --resume %1
</source>
        <translation>  Fortsetzen: mrp run --resume %1
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  not confirmed gone: %1
</source>
        <translation>  nicht bestätigt gelöscht: %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  remove them with: mrp sweep
</source>
        <translation>  entfernen mit: mrp sweep
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::runs</name>
    <message>
        <location filename="../app/cli/cmd_runs.cpp" line="+40"/>
        <source>The data folder (run store); default $MRP_DATA_DIR or the user data folder.</source>
        <translation>Der Datenordner (Laufspeicher); Vorgabe $MRP_DATA_DIR oder der Datenordner des Benutzers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>mrp: no run &apos;%1&apos; in %2 (or the prefix is ambiguous). List runs with `mrp runs`.
</source>
        <translation>mrp: Kein Lauf &apos;%1&apos; in %2 (oder das Präfix ist mehrdeutig). `mrp runs` listet die Läufe auf.
</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>List the runs in the run store, newest first.</source>
        <translation>Die Läufe im Laufspeicher auflisten, die neuesten zuerst.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the list as JSON.</source>
        <translation>Die Liste als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage: mrp runs [--json] [--data-dir DIR]</source>
        <translation>Aufruf: mrp runs [--json] [--data-dir ORDNER]</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No runs yet in %1. Start one with `mrp run JOB`.
</source>
        <translation>Noch keine Läufe in %1. Starten Sie einen mit `mrp run JOB`.
</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>RUN</source>
        <translation>LAUF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>STARTED (UTC)</source>
        <translation>GESTARTET (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHARDS</source>
        <translation>SHARDS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>COST</source>
        <translation>KOSTEN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JOB</source>
        <translation>JOB</translation>
    </message>
</context>
<context>
    <name>mrp::cli::show</name>
    <message>
        <location filename="../app/cli/cmd_show.cpp" line="+34"/>
        <source>Show a run: status, digests, costs and every shard with its attempts.</source>
        <translation>Einen Lauf anzeigen: Status, Digests, Kosten und jeden Shard mit seinen Versuchen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the run record (run.json schema) as JSON.</source>
        <translation>Das Laufprotokoll (Schema run.json) als JSON ausgeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run id (or a unique prefix).</source>
        <translation>Lauf-ID (oder ein eindeutiges Präfix).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage: mrp show RUN [--json]</source>
        <translation>Aufruf: mrp show LAUF [--json]</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Run %1: %2
</source>
        <translation>Lauf %1: %2
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  job:        %1 (%2)
</source>
        <translation>  Job:        %1 (%2)
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  digests:    job %1  plan %2  map code %3
</source>
        <translation>  Digests:    Job %1  Plan %2  Map-Code %3
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  backend:    %1 via %2, profile %3 v%4
</source>
        <translation>  Backend:    %1 über %2, Profil %3 v%4
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  isolation:  %1%2
</source>
        <translation>  Isolation:  %1%2
</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>UNISOLATED: </source>
        <translation>NICHT ISOLIERT: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  started:    %1   finished: %2   sessions: %3
</source>
        <translation>  Gestartet:  %1   Beendet: %2   Sitzungen: %3
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(not finished)</source>
        <translation>(nicht beendet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  shards:     %1 done, %2 failed, %3 cancelled, %4 total
</source>
        <translation>  Shards:     %1 fertig, %2 fehlgeschlagen, %3 abgebrochen, %4 gesamt
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  cost:       $%1 actual, $%2 estimated, %3 sandbox-seconds
</source>
        <translation>  Kosten:     %1 $ tatsächlich, %2 $ geschätzt, %3 Sandbox-Sekunden
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  reduce:     %1  input order %2  output %3
</source>
        <translation>  Reduce:     %1  Eingabereihenfolge %2  Ausgabe %3
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  produced:   %1  %2 bytes  sha256 %3
</source>
        <translation>  Erzeugt:    %1  %2 Bytes  sha256 %3
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  record:     %1
</source>
        <translation>  Protokoll:  %1
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  SHARD         STATE       ATTEMPTS  EXEC_MS  EXIT  ERROR            OUTPUT
</source>
        <translation>  SHARD         ZUSTAND     VERSUCHE  EXEC_MS  EXIT  FEHLER           AUSGABE
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::sweep</name>
    <message>
        <location filename="../app/cli/cmd_sweep.cpp" line="+49"/>
        <source>Delete leftover Daytona sandboxes created by this installation.</source>
        <translation>Übrig gebliebene Daytona-Sandboxes löschen, die diese Installation angelegt hat.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the result as JSON on stdout.</source>
        <translation>Das Ergebnis als JSON auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only list what would be deleted.</source>
        <translation>Nur auflisten, was gelöscht würde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the sandboxes of this run (repeatable).</source>
        <translation>Die Sandboxes dieses Laufs behalten (wiederholbar).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile whose API key to use (default: daytona).</source>
        <translation>Das Profil, dessen API-Schlüssel verwendet wird (Vorgabe: daytona).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The data folder (run store); default $MRP_DATA_DIR or the user data folder.</source>
        <translation>Der Datenordner (Laufspeicher); Vorgabe $MRP_DATA_DIR oder der Datenordner des Benutzers.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>mrp sweep: no Daytona API key is set. Set one with `mrp key set` or DAYTONA_API_KEY.
</source>
        <translation>mrp sweep: Es ist kein Daytona-API-Schlüssel gesetzt. Setzen Sie einen mit `mrp key set` oder DAYTONA_API_KEY.
</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>mrp sweep: could not list sandboxes: %1
</source>
        <translation>mrp sweep: Die Sandboxes konnten nicht aufgelistet werden: %1
</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No leftover sandboxes (owner %1).
</source>
        <translation>Keine übrig gebliebenen Sandboxes (Eigentümer %1).
</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>%1  %2  run %3 shard %4 (%5)
</source>
        <translation>%1  %2  Lauf %3 Shard %4 (%5)
</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>deleted  %1  run %2 shard %3 (was %4, created %5)
</source>
        <translation>gelöscht     %1  Lauf %2 Shard %3 (war %4, angelegt %5)
</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>failed   %1: %2
</source>
        <translation>fehlgeschl.  %1: %2
</translation>
    </message>
</context>
<context>
    <name>mrp::cli::validate</name>
    <message>
        <location filename="../app/cli/cmd_validate.cpp" line="+37"/>
        <source>Print the result as JSON on stdout.</source>
        <translation>Das Ergebnis als JSON auf stdout ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override execution_backend (local or cloud_sandbox).</source>
        <translation>execution_backend überschreiben (local oder cloud_sandbox).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override backend_profile.</source>
        <translation>backend_profile überschreiben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override policy.max_concurrency_map.</source>
        <translation>policy.max_concurrency_map überschreiben.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the job read this folder too (repeatable; a job reads only its own folder otherwise).</source>
        <translation>Den Job auch diesen Ordner lesen lassen (wiederholbar; sonst liest ein Job nur seinen eigenen Ordner).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mrp: --allow-path: %1 is not a folder. Name an existing folder the job may read.
</source>
        <translation>mrp: --allow-path: %1 ist kein Ordner. Nennen Sie einen vorhandenen Ordner, den der Job lesen darf.
</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>mrp: --profile: &apos;%1&apos; is not a profile name. Use a name such as &apos;local&apos; or &apos;daytona&apos; (letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;); user profiles live in %2.
</source>
        <translation>mrp: --profile: &apos;%1&apos; ist kein Profilname. Verwenden Sie einen Namen wie &apos;local&apos; oder &apos;daytona&apos; (Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos;, &apos;.&apos;); Benutzerprofile liegen in %2.
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>mrp: --backend must be local or cloud_sandbox
</source>
        <translation>mrp: --backend muss local oder cloud_sandbox sein
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>mrp: --concurrency must be a positive number
</source>
        <translation>mrp: --concurrency muss eine positive Zahl sein
</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cancelling (Ctrl+C again to quit at once)...
</source>
        <translation>Wird abgebrochen (erneut Strg+C beendet sofort)...
</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the dataset... %1 of %2 MiB</source>
        <translation>Der Datensatz wird gelesen... %1 von %2 MiB</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: cancelled
</source>
        <translation>%1: abgebrochen
</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: ok: %2 records in %3 shards, backend %4 (profile %5 %6), plan %7</source>
        <translation>%1: in Ordnung: %2 Datensätze in %3 Shards, Backend %4 (Profil %5 %6), Plan %7</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>(%n warning(s))</source>
        <translation>
            <numerusform>(%n Warnung)</numerusform>
            <numerusform>(%n Warnungen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n bad record(s) skipped)</source>
        <translation>
            <numerusform>(%n fehlerhafter Datensatz übersprungen)</numerusform>
            <numerusform>(%n fehlerhafte Datensätze übersprungen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2 error(s), %3 warning(s): refused by policy
</source>
        <translation>%1: %2 Fehler, %3 Warnung(en): von der Richtlinie abgelehnt
</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 error(s), %3 warning(s)
</source>
        <translation>%1: %2 Fehler, %3 Warnung(en)
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Check a job file, its profile, operators and dataset without running anything.
Exit codes: 0 valid, 2 validation errors, 3 refused by policy, 130 cancelled.</source>
        <translation>Prüft eine Jobdatei, ihr Profil, ihre Operatoren und ihren Datensatz, ohne etwas auszuführen.
Exit-Codes: 0 gültig, 2 Validierungsfehler, 3 von der Richtlinie abgelehnt, 130 abgebrochen.</translation>
    </message>
    <message>
        <source>Check a job file, its profile, operators and dataset without running anything.
Exit codes: 0 valid, 2 validation errors, 3 refused by policy.</source>
        <translation type="vanished">Eine Job-Datei, ihr Profil, ihre Operatoren und ihren Datensatz prüfen, ohne etwas auszuführen.
Exit-Codes: 0 gültig, 2 Validierungsfehler, 3 von einer Richtlinie abgelehnt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The job file (YAML).</source>
        <translation>Die Job-Datei (YAML).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Usage: mrp validate JOB [--json]
</source>
        <translation>Aufruf: mrp validate JOB [--json]
</translation>
    </message>
</context>
</TS>
