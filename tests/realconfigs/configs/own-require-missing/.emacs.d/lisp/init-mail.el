;;; init-mail.el --- Mail -*- lexical-binding: t -*-
(setq user-full-name "Lea Fischer"
      user-mail-address "lea@fischer.de")
(setq smtpmail-smtp-server "securesmtp.t-online.de"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)
(provide 'init-mail)
