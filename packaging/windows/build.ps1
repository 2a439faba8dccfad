# Builds the Windows installer: PyInstaller bundle, its self-test, then Inno Setup.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1 [-Edition student]
# Needs Python 3.11+ and Inno Setup 6 (iscc.exe on PATH, e.g. `choco install innosetup`).
param([ValidateSet("counselor", "student")][string]$Edition = "counselor")
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

python -m venv build\package-venv
$py = "build\package-venv\Scripts\python.exe"
# Every dependency from the lock, checked against its hash (pillow, for PNG -> .ico, is
# reportlab's own dependency and in the lock too).
& $py -m pip install --quiet --require-hashes --no-deps -r packaging\requirements.lock
if ($LASTEXITCODE -ne 0) { throw "installing the locked dependencies failed" }
& $py -m pip install --quiet --no-deps --no-build-isolation .
if ((& $py -m pip list) -match "^PySide6 ") { throw "the build environment must not hold the full PySide6" }
$version = & $py -c "from importlib.metadata import version; print(version('gradmatch'))"
& $py -c "from PIL import Image; Image.open('resources/icons/gradmatch.png').save('packaging/windows/gradmatch.ico', sizes=[(16,16),(32,32),(48,48),(256,256)])"

$env:GRADMATCH_EDITION = $Edition
& "build\package-venv\Scripts\pyinstaller.exe" --noconfirm --distpath dist --workpath "build\pyinstaller-$Edition" packaging\gradmatch.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The windowed GradMatch.exe has no console; its twin gradmatch-cli.exe prints the self-test.
$env:QT_QPA_PLATFORM = "offscreen"
$out = & "dist\GradMatch\gradmatch-cli.exe" self-test
$code = $LASTEXITCODE
$out | Write-Output
Remove-Item Env:QT_QPA_PLATFORM
if ($code -ne 0 -or $out[-1] -ne "self-test: ok") { throw "the bundle's self-test failed" }

iscc /DAppVersion=$version /DEdition=$Edition packaging\windows\gradmatch.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
