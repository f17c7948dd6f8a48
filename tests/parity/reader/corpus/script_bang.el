#!/usr/bin/emacs --script
;; a script: #! first line
(message "hi")
#$
