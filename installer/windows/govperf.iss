; Inno Setup 6 script (6.3 or newer): a per-user installer for the frozen Windows build of govperf-desktop.
; It cannot be built on the Linux build machine; the steps are in installer/README.md:
;   1. build the frozen folder with PyInstaller (dist\govperf-desktop\),
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=X.Y.Z installer\windows\govperf.iss
; Output: dist\govperf-desktop-X.Y.Z-setup.exe. No administrator rights are needed: the program
; goes to %LOCALAPPDATA%\Programs\govperf-desktop; the user's store, in the folder
; %LOCALAPPDATA%\govperf-desktop, is never touched by install, upgrade or uninstall.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (it is __version__ in govperf_desktop\__init__.py)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\govperf-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

; Chinese (Simplified) messages: shipped with newer Inno Setup releases; with an older one,
; put ChineseSimplified.isl (Inno Setup's translations page) next to this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#else
  #define ChineseMessages "ChineseSimplified.isl"
#endif

[Setup]
; A fixed AppId: an upgrade finds and replaces the earlier install. Never change it.
AppId={{6B4F3C1E-2D7A-4E55-9B0C-5A1D8E2F7C31}
AppName=govperf-desktop
AppVerName=govperf-desktop {#AppVersion}
AppVersion={#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=govperf-desktop
DefaultDirName={localappdata}\Programs\govperf-desktop
DefaultGroupName={cm:GroupName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=govperf-desktop-{#AppVersion}-setup
SetupIconFile=govperf-desktop.ico
UninstallDisplayIcon={app}\govperf-desktop.exe
UninstallDisplayName={cm:AppTitle}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; An upgrade closes a running copy first, so no file is left half-replaced.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppTitle=跨部门绩效协同
english.AppTitle=Government Performance (govperf-desktop)
chinesesimplified.GroupName=跨部门绩效协同
english.GroupName=Government Performance
chinesesimplified.CommandLine=命令行 (govperf)
english.CommandLine=Command line (govperf)
chinesesimplified.UninstallApp=卸载 跨部门绩效协同
english.UninstallApp=Uninstall Government Performance
chinesesimplified.DesktopIcon=创建桌面快捷方式
english.DesktopIcon=Create a desktop shortcut

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder: no module of the old version may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppTitle}"; Filename: "{app}\govperf-desktop.exe"; WorkingDir: "{userdocs}"
; A command prompt in the program folder, where `govperf` is found (cmd looks there first).
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k govperf --help"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallApp}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{cm:AppTitle}"; Filename: "{app}\govperf-desktop.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\govperf-desktop.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself writes inside its folder; the user's data stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
