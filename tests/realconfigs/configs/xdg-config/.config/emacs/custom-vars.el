(custom-set-variables
 '(smtpmail-stream-type 'starttls)
 '(auth-sources '("~/.config/emacs/authinfo.gpg")))
