; Inno Setup script for GradMatch on Windows (build it with packaging\windows\build.ps1).
; Input: dist\GradMatch\ from PyInstaller (packaging\gradmatch.spec). Output:
; dist\GradMatch-<version>-windows-x64-setup.exe (GradMatch-Student-... for the student edition).
; Per-user install by default (no administrator rights needed on school machines).
; Uninstalling removes the program only: each user's data in %LOCALAPPDATA%\GradMatch stays.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef Edition
  #define Edition "counselor"
#endif
#if Edition == "student"
  #define AppName "GradMatch Student"
  #define OutputName "GradMatch-Student-" + AppVersion + "-windows-x64-setup"
  #define AppId "{{6B1B8E3A-4C8E-4E0B-9D7A-2F4C1B9E7A21}"
#else
  #define AppName "GradMatch"
  #define OutputName "GradMatch-" + AppVersion + "-windows-x64-setup"
  #define AppId "{{3F0C2D51-9A3E-4C55-8E1B-7D2A6C4F9B10}"
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=GradMatch
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#OutputName}
SetupIconFile=gradmatch.ico
UninstallDisplayIcon={app}\GradMatch.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Code signing is the school's IT's step: configure a SignTool in Inno Setup
; (e.g. "signtool sign /fd sha256 /tr <timestamp URL> /td sha256 /f <cert> $f") and add
; SignTool=... here; sign dist\GradMatch\*.exe the same way before running this script.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\GradMatch\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\GradMatch.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\GradMatch.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\GradMatch.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
