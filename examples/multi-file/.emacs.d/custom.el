(custom-set-variables
 '(smtpmail-queue-mail t)
 '(auth-sources '("~/.authinfo.gpg")))
