;; private.el -- not in the public repository
(defvar irc-real-name "Tomasz Lis")
(defvar my-mail-address "tomasz@lis.example.pl")
(defvar my-smtp-host "smtp.lis.example.pl")
(setq smtpmail-smtp-user "tlis")
