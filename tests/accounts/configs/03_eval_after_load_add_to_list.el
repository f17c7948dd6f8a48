(setq send-mail-function 'smtpmail-send-it)
(with-eval-after-load 'mu4e
  (setq mu4e-compose-context-policy 'pick-first)
  (add-to-list 'mu4e-contexts
               (make-mu4e-context
                :name "uni"
                :vars '((user-mail-address . "student@uni.example")
                        (smtpmail-smtp-server . "smtp.uni.example")
                        (smtpmail-smtp-service . 25))))
  (add-to-list 'mu4e-contexts
               (make-mu4e-context
                :name "personal"
                :vars '((user-mail-address . "me@personal.example")
                        (smtpmail-smtp-server . "smtp.personal.example")
                        (smtpmail-smtp-service . 587)))))
