;;; .private.el --- not in git
(setq user-mail-address "jakub.novak@seznam.cz"
      smtpmail-smtp-server "smtp.seznam.cz"
      smtpmail-smtp-user "jakub.novak@seznam.cz")
(setq auth-sources '("~/.authinfo.gpg"))
