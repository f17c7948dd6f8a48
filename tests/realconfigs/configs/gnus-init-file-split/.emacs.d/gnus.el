;;; gnus.el --- read by Gnus when it starts  -*- lexical-binding: t -*-
(setq gnus-select-method '(nnnil "")
      gnus-secondary-select-methods
      '((nnimap "rostami" (nnimap-address "imap.rostami.ir") (nnimap-stream ssl))
        (nnimap "sharif" (nnimap-address "imap.sharif.edu") (nnimap-stream ssl))
        (nnimap "posteo" (nnimap-address "posteo.de") (nnimap-stream ssl))))
(setq gnus-message-archive-group '((".*" "nnimap+rostami:Sent")))
(setq smtpmail-smtp-user "hamid")
